# SQLCipher from Debian's libsqlcipher-dev, linked statically (see docs/ARCHITECTURE.md, "Storage").
find_path(SQLCIPHER_INCLUDE_DIR sqlite3.h PATH_SUFFIXES sqlcipher REQUIRED
          PATHS /usr/include/sqlcipher NO_DEFAULT_PATH)
find_library(SQLCIPHER_STATIC_LIBRARY NAMES libsqlcipher.a REQUIRED)
find_package(Threads REQUIRED)
add_library(SqlCipher::SqlCipher STATIC IMPORTED)
set_target_properties(SqlCipher::SqlCipher PROPERTIES
  IMPORTED_LOCATION "${SQLCIPHER_STATIC_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${SQLCIPHER_INCLUDE_DIR}"
  INTERFACE_COMPILE_DEFINITIONS "SQLITE_HAS_CODEC"
  INTERFACE_LINK_LIBRARIES "OpenSSL::Crypto;Threads::Threads;${CMAKE_DL_LIBS};m")
