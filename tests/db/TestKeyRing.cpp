// Tests of the per-user key slotMap that wrap a database key.

#include "TestSupport.h"

#include "core/Crypto.h"
#include "db/KeyRing.h"

#include <QCborMap>
#include <QCborValue>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using oneseal::db::KeyRing;
using oneseal::test::fastKdf;
using oneseal::test::fileHash;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

/** The CBOR bytes of one user's slot as stored in the file. */
QByteArray slotBytes(const QString& path, const QString& user)
{
    const QCborMap root = QCborValue::fromCbor(readAll(path)).toMap();
    const QCborValue slot = root.value(QStringLiteral("slots")).toMap().value(user);
    return slot.isUndefined() ? QByteArray() : slot.toCbor();
}

/** Readable and writable by its owner, by nobody else. */
bool ownerOnly(const QString& path)
{
    const QFile::Permissions p = QFile::permissions(path);
    const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther
        | QFile::WriteOther | QFile::ExeOther;
    return (p & QFile::ReadOwner) && (p & QFile::WriteOwner) && !(p & others);
}

} // namespace

class TestKeyRing : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void setSlotAndUnlock();
    void saveAndLoadRoundTrip();
    void wrongPasswordAndUnknownUser();
    void changingOneSlotLeavesOthersUnchanged();
    void removeSlot();
    void setSlotRefusesBadInput_data();
    void setSlotRefusesBadInput();
    void missingFile();
    void damagedFile_data();
    void damagedFile();
    void saveIsAtomic();
    void saveFailureIsReported();
    void fileHoldsNoKeyOrPassword();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QByteArray m_key;
};

void TestKeyRing::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = KeyRing::pathFor(m_dir->filePath(QStringLiteral("hall.db")));
    m_key = oneseal::core::crypto::randomBytes(32);
}

void TestKeyRing::cleanup()
{
    m_dir.reset();
}

void TestKeyRing::setSlotAndUnlock()
{
    QCOMPARE(KeyRing::pathFor(QStringLiteral("/x/hall.db")), QStringLiteral("/x/hall.db.keyring"));
    KeyRing ring(m_path);
    QVERIFY(!ring.hasSlot(QStringLiteral("alice")));
    QVERIFY(ring.setSlot(QStringLiteral("Alice "), QStringLiteral("密码 secret"), m_key, fastKdf()));
    QVERIFY(ring.hasSlot(QStringLiteral("alice")));
    QVERIFY(ring.hasSlot(QStringLiteral("  ALICE")));
    QCOMPARE(ring.users(), QStringList { QStringLiteral("alice") });
    const auto key = ring.unlock(QStringLiteral("alice"), QStringLiteral("密码 secret"));
    QVERIFY(key.has_value());
    QCOMPARE(*key, m_key);
    QCOMPARE(ring.unlock(QStringLiteral("ALICE"), QStringLiteral("密码 secret")).value_or(QByteArray()), m_key);
}

void TestKeyRing::saveAndLoadRoundTrip()
{
    KeyRing ring(m_path);
    QVERIFY(ring.setSlot(QStringLiteral("alice"), QStringLiteral("pa55"), m_key, fastKdf()));
    QVERIFY(ring.setSlot(QStringLiteral("王小明"), QStringLiteral("口令"), m_key, fastKdf()));
    QString error;
    QVERIFY2(ring.save(&error), qPrintable(error));
    QVERIFY(QFile::exists(m_path));
    QVERIFY(ownerOnly(m_path));

    const auto loaded = KeyRing::load(m_path, &error);
    QVERIFY2(loaded.has_value(), qPrintable(error));
    QCOMPARE(loaded->path(), m_path);
    QCOMPARE(loaded->users().size(), 2);
    QCOMPARE(loaded->unlock(QStringLiteral("alice"), QStringLiteral("pa55")).value_or(QByteArray()), m_key);
    QCOMPARE(loaded->unlock(QStringLiteral("王小明"), QStringLiteral("口令")).value_or(QByteArray()), m_key);
    // Saving what was loaded gives the same bytes.
    const QByteArray before = readAll(m_path);
    QVERIFY(loaded->save(&error));
    QCOMPARE(readAll(m_path), before);
}

void TestKeyRing::wrongPasswordAndUnknownUser()
{
    KeyRing ring(m_path);
    QVERIFY(ring.setSlot(QStringLiteral("alice"), QStringLiteral("right"), m_key, fastKdf()));
    QVERIFY(!ring.unlock(QStringLiteral("alice"), QStringLiteral("wrong")).has_value());
    QVERIFY(!ring.unlock(QStringLiteral("alice"), QStringLiteral("Right")).has_value());
    QVERIFY(!ring.unlock(QStringLiteral("alice"), QString()).has_value());
    QVERIFY(!ring.unlock(QStringLiteral("bob"), QStringLiteral("right")).has_value());
    QVERIFY(!ring.unlock(QString(), QStringLiteral("right")).has_value());
    // A slot is bound to its user: bob's password cannot open alice's slot copied to bob.
    QVERIFY(ring.setSlot(QStringLiteral("bob"), QStringLiteral("bobpw"), m_key, fastKdf()));
    QString error;
    QVERIFY(ring.save(&error));
    QCborMap root = QCborValue::fromCbor(readAll(m_path)).toMap();
    QCborMap slotMap = root.value(QStringLiteral("slots")).toMap();
    slotMap.insert(QStringLiteral("bob"), slotMap.value(QStringLiteral("alice")));
    root.insert(QStringLiteral("slots"), slotMap);
    QVERIFY(writeFile(m_path, root.toCborValue().toCbor()));
    const auto swapped = KeyRing::load(m_path, &error);
    QVERIFY2(swapped.has_value(), qPrintable(error));
    QVERIFY(!swapped->unlock(QStringLiteral("bob"), QStringLiteral("right")).has_value());
    QVERIFY(!swapped->unlock(QStringLiteral("bob"), QStringLiteral("bobpw")).has_value());
}

void TestKeyRing::changingOneSlotLeavesOthersUnchanged()
{
    KeyRing ring(m_path);
    QVERIFY(ring.setSlot(QStringLiteral("alice"), QStringLiteral("a1"), m_key, fastKdf()));
    QVERIFY(ring.setSlot(QStringLiteral("bob"), QStringLiteral("b1"), m_key, fastKdf()));
    QVERIFY(ring.setSlot(QStringLiteral("carol"), QStringLiteral("c1"), m_key, fastKdf()));
    QString error;
    QVERIFY(ring.save(&error));
    const QByteArray alice = slotBytes(m_path, QStringLiteral("alice"));
    const QByteArray bob = slotBytes(m_path, QStringLiteral("bob"));
    const QByteArray carol = slotBytes(m_path, QStringLiteral("carol"));
    QVERIFY(!bob.isEmpty() && !carol.isEmpty());

    auto loaded = KeyRing::load(m_path, &error);
    QVERIFY(loaded);
    QVERIFY(loaded->setSlot(QStringLiteral("bob"), QStringLiteral("b2"), m_key, fastKdf()));
    QVERIFY(loaded->save(&error));
    QCOMPARE(slotBytes(m_path, QStringLiteral("alice")), alice);
    QCOMPARE(slotBytes(m_path, QStringLiteral("carol")), carol);
    QVERIFY(slotBytes(m_path, QStringLiteral("bob")) != bob);

    const auto again = KeyRing::load(m_path, &error);
    QVERIFY(again);
    QCOMPARE(again->unlock(QStringLiteral("bob"), QStringLiteral("b2")).value_or(QByteArray()), m_key);
    QVERIFY(!again->unlock(QStringLiteral("bob"), QStringLiteral("b1")).has_value());
    QCOMPARE(again->unlock(QStringLiteral("alice"), QStringLiteral("a1")).value_or(QByteArray()), m_key);
    QCOMPARE(again->unlock(QStringLiteral("carol"), QStringLiteral("c1")).value_or(QByteArray()), m_key);
}

void TestKeyRing::removeSlot()
{
    KeyRing ring(m_path);
    QVERIFY(ring.setSlot(QStringLiteral("alice"), QStringLiteral("a"), m_key, fastKdf()));
    QVERIFY(ring.setSlot(QStringLiteral("bob"), QStringLiteral("b"), m_key, fastKdf()));
    QVERIFY(ring.removeSlot(QStringLiteral(" BOB")));
    QVERIFY(!ring.removeSlot(QStringLiteral("bob")));
    QString error;
    QVERIFY(ring.save(&error));
    const auto loaded = KeyRing::load(m_path, &error);
    QVERIFY(loaded);
    QCOMPARE(loaded->users(), QStringList { QStringLiteral("alice") });
    QVERIFY(!loaded->unlock(QStringLiteral("bob"), QStringLiteral("b")).has_value());
}

void TestKeyRing::setSlotRefusesBadInput_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<int>("keySize");
    QTest::addColumn<quint64>("n");
    QTest::newRow("empty user") << "  " << 32 << quint64(1024);
    QTest::newRow("16-byte key") << "alice" << 16 << quint64(1024);
    QTest::newRow("33-byte key") << "alice" << 33 << quint64(1024);
    QTest::newRow("n not a power of two") << "alice" << 32 << quint64(1000);
    QTest::newRow("n = 1") << "alice" << 32 << quint64(1);
    QTest::newRow("n too large") << "alice" << 32 << (quint64(1) << 40);
}

void TestKeyRing::setSlotRefusesBadInput()
{
    QFETCH(QString, user);
    QFETCH(int, keySize);
    QFETCH(quint64, n);
    KeyRing ring(m_path);
    auto params = fastKdf();
    params.n = n;
    QVERIFY(!ring.setSlot(user, QStringLiteral("pw"), oneseal::core::crypto::randomBytes(keySize), params));
    QVERIFY(ring.users().isEmpty());
}

void TestKeyRing::missingFile()
{
    QString error;
    QVERIFY(!KeyRing::load(m_path, &error).has_value());
    QVERIFY2(error.contains(QLatin1String("No key ring")), qPrintable(error));
    QVERIFY(!QFile::exists(m_path));
}

void TestKeyRing::damagedFile_data()
{
    QTest::addColumn<QString>("damage");
    for (const char* d : { "empty", "garbage", "truncated", "trailing bytes", "flipped byte", "not a map",
             "unknown format", "no slots", "slots not a map", "log2n huge", "log2n negative", "r zero", "salt missing",
             "wrapped too short", "slot not a map", "integer user" })
        QTest::newRow(d) << QString::fromLatin1(d);
}

void TestKeyRing::damagedFile()
{
    QFETCH(QString, damage);
    KeyRing ring(m_path);
    QVERIFY(ring.setSlot(QStringLiteral("alice"), QStringLiteral("pw"), m_key, fastKdf()));
    QString error;
    QVERIFY(ring.save(&error));
    const QByteArray good = readAll(m_path);
    QCborMap root = QCborValue::fromCbor(good).toMap();
    QCborMap slotMap = root.value(QStringLiteral("slots")).toMap();
    QCborMap alice = slotMap.value(QStringLiteral("alice")).toMap();
    auto withSlot = [&](const QCborMap& slot) {
        slotMap.insert(QStringLiteral("alice"), slot);
        root.insert(QStringLiteral("slots"), slotMap);
        return root.toCborValue().toCbor();
    };

    QByteArray bytes;
    if (damage == QLatin1String("empty")) {
        bytes = QByteArray();
    } else if (damage == QLatin1String("garbage")) {
        bytes = oneseal::core::crypto::randomBytes(200);
        bytes[0] = char(0xa2); // looks like a map, then nonsense
    } else if (damage == QLatin1String("truncated")) {
        bytes = good.left(good.size() / 2);
    } else if (damage == QLatin1String("trailing bytes")) {
        bytes = good + QByteArray("\x01\x02", 2);
    } else if (damage == QLatin1String("flipped byte")) {
        bytes = good;
        const int at = int(bytes.indexOf("log2n"));
        QVERIFY(at > 0);
        bytes[at + 5] = char(0x3b); // the log2n value becomes a huge negative integer
    } else if (damage == QLatin1String("not a map")) {
        bytes = QCborValue(QStringLiteral("hello")).toCbor();
    } else if (damage == QLatin1String("unknown format")) {
        root.insert(QStringLiteral("format"), 99);
        bytes = root.toCborValue().toCbor();
    } else if (damage == QLatin1String("no slots")) {
        root.remove(QStringLiteral("slots"));
        bytes = root.toCborValue().toCbor();
    } else if (damage == QLatin1String("slots not a map")) {
        root.insert(QStringLiteral("slots"), QStringLiteral("none"));
        bytes = root.toCborValue().toCbor();
    } else if (damage == QLatin1String("log2n huge")) {
        alice.insert(QStringLiteral("log2n"), 200);
        bytes = withSlot(alice);
    } else if (damage == QLatin1String("log2n negative")) {
        alice.insert(QStringLiteral("log2n"), -3);
        bytes = withSlot(alice);
    } else if (damage == QLatin1String("r zero")) {
        alice.insert(QStringLiteral("r"), 0);
        bytes = withSlot(alice);
    } else if (damage == QLatin1String("salt missing")) {
        alice.remove(QStringLiteral("salt"));
        bytes = withSlot(alice);
    } else if (damage == QLatin1String("wrapped too short")) {
        alice.insert(QStringLiteral("wrapped"), alice.value(QStringLiteral("wrapped")).toByteArray().left(20));
        bytes = withSlot(alice);
    } else if (damage == QLatin1String("slot not a map")) {
        slotMap.insert(QStringLiteral("alice"), 5);
        root.insert(QStringLiteral("slots"), slotMap);
        bytes = root.toCborValue().toCbor();
    } else if (damage == QLatin1String("integer user")) {
        slotMap.remove(QStringLiteral("alice"));
        slotMap.insert(7, alice);
        root.insert(QStringLiteral("slots"), slotMap);
        bytes = root.toCborValue().toCbor();
    }
    QVERIFY(bytes != good);
    QVERIFY(writeFile(m_path, bytes));
    const QByteArray hash = fileHash(m_path);
    error.clear();
    const auto loaded = KeyRing::load(m_path, &error);
    QVERIFY(!loaded.has_value());
    QVERIFY2(error.contains(QLatin1String("damaged")), qPrintable(error));
    QCOMPARE(fileHash(m_path), hash);
}

void TestKeyRing::saveIsAtomic()
{
    KeyRing ring(m_path);
    QVERIFY(ring.setSlot(QStringLiteral("alice"), QStringLiteral("a"), m_key, fastKdf()));
    QString error;
    QVERIFY(ring.save(&error));
    const QByteArray first = readAll(m_path);
    // Keep the old file open: an atomic save replaces the file (a new inode) instead of rewriting it,
    // so a reader (or a crash) sees either the whole old key ring or the whole new one.
    QFile old(m_path);
    QVERIFY(old.open(QIODevice::ReadOnly));
    QVERIFY(ring.setSlot(QStringLiteral("bob"), QStringLiteral("b"), m_key, fastKdf()));
    QVERIFY(ring.save(&error));
    QCOMPARE(old.readAll(), first);
    QVERIFY(readAll(m_path) != first);
    // No temporary file is left behind.
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList { QFileInfo(m_path).fileName() });
    QVERIFY(ownerOnly(m_path));
}

void TestKeyRing::saveFailureIsReported()
{
    KeyRing ring(m_path);
    QVERIFY(ring.setSlot(QStringLiteral("alice"), QStringLiteral("a"), m_key, fastKdf()));
    QString error;
    QVERIFY(ring.save(&error));
    const QByteArray before = readAll(m_path);
    // A key ring whose path is a folder cannot be written: clear error, nothing else touched.
    const QString dirPath = m_dir->filePath(QStringLiteral("folder.keyring"));
    QVERIFY(QDir().mkdir(dirPath));
    KeyRing other(dirPath);
    QVERIFY(other.setSlot(QStringLiteral("bob"), QStringLiteral("b"), m_key, fastKdf()));
    QVERIFY(!other.save(&error));
    QVERIFY2(error.contains(dirPath), qPrintable(error));
    QVERIFY(QFileInfo(dirPath).isDir());
    // In a folder that does not exist.
    KeyRing nowhere(m_dir->filePath(QStringLiteral("no/such/dir/hall.db.keyring")));
    QVERIFY(nowhere.setSlot(QStringLiteral("bob"), QStringLiteral("b"), m_key, fastKdf()));
    error.clear();
    QVERIFY(!nowhere.save(&error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(readAll(m_path), before);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList { QFileInfo(m_path).fileName() });
}

void TestKeyRing::fileHoldsNoKeyOrPassword()
{
    KeyRing ring(m_path);
    QVERIFY(ring.setSlot(QStringLiteral("alice"), QStringLiteral("VeryDistinctivePassword"), m_key, fastKdf()));
    QString error;
    QVERIFY(ring.save(&error));
    const QByteArray bytes = readAll(m_path);
    QVERIFY(!bytes.contains(m_key));
    QVERIFY(!bytes.contains(m_key.toHex()));
    QVERIFY(!bytes.contains("VeryDistinctivePassword"));
    // Two slotMap for the same key and password still differ (random salt and nonce).
    KeyRing second(m_path);
    QVERIFY(second.setSlot(QStringLiteral("alice"), QStringLiteral("VeryDistinctivePassword"), m_key, fastKdf()));
    QVERIFY(second.save(&error));
    QVERIFY(readAll(m_path) != bytes);
}

QTEST_GUILESS_MAIN(TestKeyRing)
#include "TestKeyRing.moc"
