// SPDX-License-Identifier: GPL-3.0-or-later
// The catalogue against the kernel it runs on, in a fresh network namespace. For every
// catalogue key writable here, this kernel release's bounds and one value just past each
// are written straight to /proc/sys, and what the kernel does with them (refuses, keeps, or
// stores something else) must match the validator's verdict: valid in Sockpit means
// accepted and kept by the kernel.
//
// Where Sockpit is stricter than the kernel on purpose, the catalogue says why next to the
// bound (Tunable::stricterMinimum / stricterMaximum). Those reasons are the list of
// deliberate differences, and this test checks it both ways: a value past a bound that the
// kernel keeps needs a reason, and a reason whose value the kernel refuses anyway is stale.
// Keys this namespace does not have are skipped row by row, saying which reasons could not
// be checked; keys it shows read-only must be refused by both.

#include "netns.h"
#include "tuning/catalogue.h"
#include "tuning/sysctltree.h"
#include "tuning/validator.h"

#include <QTest>

#include <cerrno>

using namespace Sockpit;

namespace {

enum class Side { Bound, BelowMinimum, AboveMaximum };

struct Probe
{
    QString value;
    Side side = Side::Bound;
};

QString number(std::int64_t n)
{
    return QString::number(n);
}

// The values to try for TUNABLE: each bound, one past each, and what else the kernel treats
// specially for this type.
std::vector<Probe> probesFor(const Tunable &tunable, const ValidationContext &context, const SysctlTree &tree)
{
    const Catalogue::Bounds bounds = Catalogue::bounds(tunable, context.kernelRelease);
    const QString low = number(bounds.minimum), high = number(bounds.maximum);
    const QString belowLow = number(bounds.minimum - 1), aboveHigh = number(bounds.maximum + 1);
    std::vector<Probe> probes;
    switch (tunable.type) {
    case TunableType::Integer:
    case TunableType::Boolean:
    case TunableType::PortRanges:
        probes = {{low}, {high}, {belowLow, Side::BelowMinimum}, {aboveHigh, Side::AboveMaximum}};
        if (tunable.type == TunableType::PortRanges)
            probes.push_back({low + QLatin1Char('-') + high});
        break;
    case TunableType::IntegerPair:
        probes = {{low + QLatin1Char(' ') + high},
                  {belowLow + QLatin1Char(' ') + high, Side::BelowMinimum},
                  {low + QLatin1Char(' ') + aboveHigh, Side::AboveMaximum},
                  {high + QLatin1Char(' ') + low}}; // reversed
        if (tunable.emptyRange)
            probes.push_back({QString::fromLatin1(tunable.emptyRange)});
        // ip-sysctl ip_local_port_range: LOW must not be below ip_unprivileged_port_start,
        // which moves the effective lower bound; try both sides of it too.
        if (tunable.name() == QLatin1String("net.ipv4.ip_local_port_range")) {
            probes.push_back({number(context.unprivilegedPortStart) + QLatin1Char(' ') + high});
            probes.push_back({number(context.unprivilegedPortStart - 1) + QLatin1Char(' ') + high});
        }
        break;
    case TunableType::IntegerTriple:
        probes = {{low + QLatin1Char(' ') + low + QLatin1Char(' ') + low},
                  {high + QLatin1Char(' ') + high + QLatin1Char(' ') + high},
                  {belowLow + QLatin1Char(' ') + low + QLatin1Char(' ') + low, Side::BelowMinimum},
                  {high + QLatin1Char(' ') + high + QLatin1Char(' ') + aboveHigh, Side::AboveMaximum}};
        break;
    case TunableType::Enum: {
        // Every name the kernel lists, whether or not it may be set here, and one it lacks.
        QStringList names = tunable.enumSource == EnumSource::QueueDiscipline ? Catalogue::queueDisciplines()
                                                                              : QStringList();
        if (tunable.enumSource == EnumSource::CongestionControl) {
            if (auto listed = tree.read(QStringLiteral("net.ipv4.tcp_available_congestion_control")))
                names = listed.value().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        }
        for (const QString &name : std::as_const(names))
            probes.push_back({name});
        probes.push_back({QStringLiteral("sockpit_no_such_name")});
        break;
    }
    }
    return probes;
}

QString sideName(Side side)
{
    return side == Side::BelowMinimum ? QStringLiteral("minimum") : QStringLiteral("maximum");
}

} // namespace

class TestCatalogueNamespace final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void kernelAgrees_data();
    void kernelAgrees();
    void congestionControlOutsideInitialNamespace();

private:
    SysctlTree m_tree;
    ValidationContext m_context;
};

void TestCatalogueNamespace::initTestCase()
{
    if (const QString reason = Test::namespaceSkipReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    if (auto entered = Test::enterPrivateNetworkNamespace(); !entered)
        QSKIP(qPrintable(entered.error()));
    m_context = ValidationContext::fromTree(m_tree);
    QVERIFY(!m_context.kernelRelease.isEmpty());
    qInfo("kernel %s", qPrintable(m_context.kernelRelease));
}

void TestCatalogueNamespace::kernelAgrees_data()
{
    QTest::addColumn<QString>("key");
    for (const Tunable &tunable : Catalogue::all())
        QTest::newRow(tunable.key) << tunable.name();
}

void TestCatalogueNamespace::kernelAgrees()
{
    QFETCH(QString, key);
    const Tunable &tunable = *Catalogue::find(key);
    if (!m_tree.exists(key)) {
        QStringList unchecked;
        if (tunable.stricterMinimum)
            unchecked << QStringLiteral("minimum (%1)").arg(QLatin1StringView(tunable.stricterMinimum));
        if (tunable.stricterMaximum)
            unchecked << QStringLiteral("maximum (%1)").arg(QLatin1StringView(tunable.stricterMaximum));
        QSKIP(qPrintable(QStringLiteral("not in this network namespace; stricter bounds not checked here: %1")
                             .arg(unchecked.isEmpty() ? QStringLiteral("none") : unchecked.join(QStringLiteral("; ")))));
    }
    const QString original = m_tree.read(key).value();

    if (!m_tree.isWritable(key)) {
        // Read-only here: the validator must refuse before anything is written, and the
        // kernel must refuse the write (it does, for root too).
        auto verdict = validateChange(key, original, m_context);
        QVERIFY2(!verdict.ok(), qPrintable(key + QStringLiteral(" is read-only here but validates")));
        QCOMPARE(verdict.errorCode(), EACCES);
        QVERIFY2(verdict.error().contains(QStringLiteral("read-only here")), qPrintable(verdict.error()));
        auto written = m_tree.write(key, original);
        QVERIFY2(!written.ok(), qPrintable(key + QStringLiteral(" is 0444 but the kernel took a write")));
        return;
    }

    QStringList failures;
    bool keptPast[2] = {false, false}; // the kernel kept a value past the minimum / maximum
    for (const Probe &probe : probesFor(tunable, m_context, m_tree)) {
        const auto verdict = validateChange(key, probe.value, m_context);
        const QString expected = verdict ? verdict->value : canonicalFromKernel(probe.value.toUtf8());
        const auto written = m_tree.write(key, probe.value);
        const auto now = m_tree.read(key);
        QVERIFY2(now.ok(), qPrintable(now.error()));
        const bool kept = written.ok() && now.value() == expected;
        const QString kernel = !written.ok() ? QStringLiteral("refuses it (%1)").arg(written.error())
                               : kept        ? QStringLiteral("keeps it")
                                             : QStringLiteral("stores \"%1\" instead").arg(now.value());
        if (now.value() != original)
            QVERIFY2(m_tree.write(key, original).ok(), qPrintable(key + QStringLiteral(" could not be restored")));
        QCOMPARE(m_tree.read(key).value(), original);

        if (verdict && !kept) {
            failures << QStringLiteral("\"%1\": Sockpit accepts it, the kernel %2").arg(probe.value, kernel);
        } else if (!verdict && kept) {
            if (probe.side == Side::Bound)
                failures << QStringLiteral("\"%1\": Sockpit refuses it (%2), the kernel keeps it")
                                .arg(probe.value, verdict.error());
            else
                keptPast[probe.side == Side::BelowMinimum ? 0 : 1] = true;
        }
    }

    // The catalogue's reasons for being stricter, checked against what the kernel did.
    const char *reasons[2] = {tunable.stricterMinimum, tunable.stricterMaximum};
    for (int i = 0; i < 2; ++i) {
        const QString side = sideName(i == 0 ? Side::BelowMinimum : Side::AboveMaximum);
        if (keptPast[i] && !reasons[i])
            failures << QStringLiteral("the kernel keeps a value past Sockpit's %1: accept it, or give the reason "
                                       "next to the bound (stricter%2)")
                            .arg(side, i == 0 ? QStringLiteral("Minimum") : QStringLiteral("Maximum"));
        if (!keptPast[i] && reasons[i])
            failures << QStringLiteral("the catalogue says its %1 is stricter than the kernel's (\"%2\"), but the "
                                       "kernel refuses the value past it too: the reason no longer holds")
                            .arg(side, QLatin1StringView(reasons[i]));
    }
    QVERIFY2(failures.isEmpty(), qPrintable(key + QStringLiteral(":\n  ") + failures.join(QStringLiteral("\n  "))));
}

// tcp_set_default_congestion_control() in net/ipv4/tcp_cong.c: outside the initial network
// namespace an algorithm not in tcp_allowed_congestion_control gets EPERM. The rows above
// try every available name; this says which case this kernel gave them.
void TestCatalogueNamespace::congestionControlOutsideInitialNamespace()
{
    QVERIFY(!m_tree.showsInitialNetworkNamespace());
    const QStringList available = m_tree.read(QStringLiteral("net.ipv4.tcp_available_congestion_control"))
                                      .value()
                                      .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QStringList allowed = m_tree.read(QStringLiteral("net.ipv4.tcp_allowed_congestion_control"))
                                    .value()
                                    .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &name : available) {
        const bool settable = allowed.contains(name);
        QCOMPARE(m_context.congestionControls.contains(name), settable);
        QCOMPARE(m_context.restrictedCongestionControls.contains(name), !settable);
    }
    if (m_context.restrictedCongestionControls.isEmpty())
        qInfo("every available algorithm is allowed in a namespace on this kernel: no EPERM case to see");
    else
        qInfo("restricted here: %s", qPrintable(m_context.restrictedCongestionControls.join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(TestCatalogueNamespace)
#include "tst_cataloguenamespace.moc"
