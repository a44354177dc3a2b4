// Key slots at the real cost (N = 2^17, r = 8, p = 1; ONESEAL_TEST_WEAK_KDF is not set): making a
// slot sealed to a user's slot key (what a workstation does at a sync for a user who never logged in
// there), opening it with the password (the login), opening a slot wrapped with the password (the
// login before), and making a slot key (at a password change or user-add).
// Run: build/tests/bench/bench_slots  (figures in docs/SECURITY.md, "What travels").
#include "core/Crypto.h"
#include "core/PasswordSlot.h"
#include "db/KeyRing.h"

#include <benchmark/benchmark.h>

using namespace oneseal;

namespace {
const QString kPassword = QStringLiteral("窗口 secret 2026");

const QString& slotKey()
{
    static const QString text = core::PasswordSlot::make(kPassword);
    return text;
}

const QByteArray& databaseKey()
{
    static const QByteArray key = core::crypto::randomBytes(32);
    return key;
}

void BM_MakeSealedSlot(benchmark::State& state)
{
    db::KeyRing ring;
    const QString& key = slotKey(); // made once, outside the timing (it costs a scrypt)
    for (auto _ : state)
        benchmark::DoNotOptimize(ring.setSlotForSlotKey(QStringLiteral("lina"), key, databaseKey()));
}

void BM_LoginSealedSlot(benchmark::State& state)
{
    db::KeyRing ring;
    ring.setSlotForSlotKey(QStringLiteral("lina"), slotKey(), databaseKey());
    for (auto _ : state)
        if (ring.unlock(QStringLiteral("lina"), kPassword) != databaseKey())
            state.SkipWithError("the sealed slot did not open");
}

void BM_LoginPasswordSlot(benchmark::State& state)
{
    db::KeyRing ring;
    ring.setSlot(QStringLiteral("lina"), kPassword, databaseKey());
    for (auto _ : state)
        if (ring.unlock(QStringLiteral("lina"), kPassword) != databaseKey())
            state.SkipWithError("the slot did not open");
}

void BM_MakeSlotKey(benchmark::State& state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(core::PasswordSlot::make(kPassword));
}
} // namespace

BENCHMARK(BM_MakeSealedSlot)->Unit(benchmark::kMicrosecond)->Iterations(200);
BENCHMARK(BM_LoginSealedSlot)->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK(BM_LoginPasswordSlot)->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK(BM_MakeSlotKey)->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK_MAIN();
