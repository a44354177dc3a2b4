// Certificates: one to PDF (goal < 30 ms) and a batch of 500 into one PDF (goal < 15 s).
// Run: build/tests/bench/bench_certificate  (figures in docs/PERFORMANCE.md, "Certificates").
#include "core/CertificatePayload.h"
#include "core/Identifiers.h"
#include "core/SealGrant.h"
#include "print/CertificateRenderer.h"

#include <QGuiApplication>

#include <benchmark/benchmark.h>

using namespace oneseal;

namespace {

core::SealKey& key()
{
    static core::SealKey k = core::SealKey::generate();
    return k;
}

print::CertificateDocument certificate(int number)
{
    print::CertificateDocument doc;
    auto& f = doc.fields;
    const QString serial = QStringLiteral("JY1140802%1").arg(number, 7, 10, QLatin1Char('0'));
    const QString holderId = QStringLiteral("91140802MA0K8Q2X3") + core::creditCodeCheckChar(u"91140802MA0K8Q2X3");
    f.insert(QStringLiteral("serial"), serial);
    f.insert(QStringLiteral("holderName"), QStringLiteral("运城市晋南味道餐饮有限公司第%1分店").arg(number));
    f.insert(QStringLiteral("holderId"), holderId);
    f.insert(QStringLiteral("legalRepresentative"), QStringLiteral("王建国"));
    f.insert(QStringLiteral("address"), QStringLiteral("山西省运城市盐湖区河东东街 %1 号").arg(number));
    f.insert(QStringLiteral("premises"), QStringLiteral("山西省运城市盐湖区河东东街 %1 号一至二层").arg(number));
    f.insert(QStringLiteral("businessType"), QStringLiteral("餐饮服务经营者（中型餐馆）"));
    f.insert(QStringLiteral("scope"), QStringLiteral("热食类食品制售；冷食类食品制售（含烧卤熟肉）；自制饮品制售（不含自酿酒）；"
                                                     "预包装食品（含冷藏冷冻食品）销售。"));
    f.insert(QStringLiteral("supervisoryBody"), QStringLiteral("运城市盐湖区市场监督管理局"));
    f.insert(QStringLiteral("supervisoryStaff"), QStringLiteral("刘洋、陈静"));
    f.insert(QStringLiteral("validUntil"), QStringLiteral("2031年11月25日"));
    f.insert(QStringLiteral("issuer"), QStringLiteral("运城市行政审批服务管理局"));
    f.insert(QStringLiteral("signer"), QStringLiteral("杨审批"));
    f.insert(QStringLiteral("issueDate"), QStringLiteral("2026年11月26日"));
    doc.sealBureau = QStringLiteral("运城市行政审批服务管理局");
    core::CertificatePayload payload;
    payload.serial = serial;
    payload.matterCode = QStringLiteral("11140800MB1960418H4000117003001");
    payload.holderName = f.value(QStringLiteral("holderName"));
    payload.holderId = holderId;
    payload.issued = QDate(2026, 11, 26);
    payload.validUntil = QDate(2031, 11, 25);
    payload.documentHash = core::CertificatePayload::hashDocument(
        core::CertificatePayload::contentBytes(QStringLiteral("food-business-licence"), f));
    doc.qrText = core::CertificatePayload::encode(payload, key(), nullptr);
    return doc;
}

const print::CertificateRenderer& renderer()
{
    static const print::CertificateRenderer r(*print::CertificateTemplate::builtIn(QStringLiteral("food-business-licence")));
    return r;
}

void BM_SignPayload(benchmark::State& state)
{
    const print::CertificateDocument doc = certificate(1);
    const auto decoded = core::CertificatePayload::decode(doc.qrText, nullptr);
    for (auto _ : state)
        benchmark::DoNotOptimize(core::CertificatePayload::encode(decoded->payload, key(), nullptr));
}
BENCHMARK(BM_SignPayload)->Unit(benchmark::kMicrosecond);

void BM_VerifyPayload(benchmark::State& state)
{
    const print::CertificateDocument doc = certificate(1);
    for (auto _ : state)
        benchmark::DoNotOptimize(core::CertificatePayload::verify(doc.qrText, { key() }, QDate(2027, 1, 1)));
}
BENCHMARK(BM_VerifyPayload)->Unit(benchmark::kMicrosecond);

// The seal key's other costs (docs/PERFORMANCE.md, "Seal key"): opening the grant at a signature
// (X25519 + AES-GCM), sealing it to a user at a grant, checking a list of 1,000 voided serials.
void BM_SealGrantOpen(benchmark::State& state)
{
    const core::SealKey holder = core::SealKey::generate();
    const QByteArray wrapped = core::SealGrant::wrap(key(), holder.rawPublicKey());
    for (auto _ : state)
        benchmark::DoNotOptimize(core::SealGrant::unwrap(wrapped, holder, key().rawPublicKey()));
}
BENCHMARK(BM_SealGrantOpen)->Unit(benchmark::kMicrosecond);

void BM_SealGrantWrap(benchmark::State& state)
{
    const core::SealKey holder = core::SealKey::generate();
    for (auto _ : state)
        benchmark::DoNotOptimize(core::SealGrant::wrap(key(), holder.rawPublicKey()));
}
BENCHMARK(BM_SealGrantWrap)->Unit(benchmark::kMicrosecond);

void BM_RevokedList1000Check(benchmark::State& state)
{
    core::RevokedList list;
    list.hall = QStringLiteral("运城市行政审批服务管理局");
    list.issued = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 1000; ++i)
        list.serials << QStringLiteral("JY1140802%1").arg(i, 7, 10, QLatin1Char('0'));
    const QByteArray text = list.sign(key());
    for (auto _ : state)
        benchmark::DoNotOptimize(core::RevokedList::parse(text, {key()}, nullptr));
}
BENCHMARK(BM_RevokedList1000Check)->Unit(benchmark::kMicrosecond);

void BM_OneCertificateToPdf(benchmark::State& state)
{
    const auto mode = static_cast<print::PrintMode>(state.range(0));
    const print::CertificateDocument doc = certificate(1);
    qint64 bytes = 0;
    for (auto _ : state) {
        QString error;
        const QByteArray pdf = renderer().toPdfBytes({ doc }, mode, {}, &error);
        if (pdf.isEmpty())
            state.SkipWithError(qPrintable(error));
        bytes = pdf.size();
    }
    state.counters["pdf_bytes"] = double(bytes);
}
BENCHMARK(BM_OneCertificateToPdf)
    ->Arg(int(print::PrintMode::PlainPaper))
    ->Arg(int(print::PrintMode::PreprintedStock))
    ->Unit(benchmark::kMillisecond);

void BM_OneCertificateToImage150dpi(benchmark::State& state)
{
    const print::CertificateDocument doc = certificate(1);
    for (auto _ : state)
        benchmark::DoNotOptimize(renderer().toImage(doc, print::PrintMode::Preview, 150));
}
BENCHMARK(BM_OneCertificateToImage150dpi)->Unit(benchmark::kMillisecond);

void BM_Batch500ToOnePdf(benchmark::State& state)
{
    const auto mode = static_cast<print::PrintMode>(state.range(0));
    QList<print::CertificateDocument> batch;
    for (int i = 1; i <= 500; ++i)
        batch.append(certificate(i));
    qint64 bytes = 0;
    for (auto _ : state) {
        QString error;
        const QByteArray pdf = renderer().toPdfBytes(batch, mode, {}, &error);
        if (pdf.isEmpty())
            state.SkipWithError(qPrintable(error));
        bytes = pdf.size();
    }
    state.counters["pdf_bytes"] = double(bytes);
}
BENCHMARK(BM_Batch500ToOnePdf)
    ->Arg(int(print::PrintMode::PlainPaper))
    ->Arg(int(print::PrintMode::PreprintedStock))
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
