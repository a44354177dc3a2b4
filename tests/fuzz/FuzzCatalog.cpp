// libFuzzer: catalog import (the JSON reader and validator behind `catalog-import`).
#include "FuzzSupport.h"
#include "core/CatalogReader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    QString error;
    (void)oneseal::core::CatalogReader::read(oneseal::fuzz::bytesOf(data, size), &error);
    return 0;
}
