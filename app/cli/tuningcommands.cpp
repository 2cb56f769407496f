// SPDX-License-Identifier: GPL-3.0-or-later
#include "tuningcommands.h"

#include "base/atomicfile.h"
#include "commands.h"
#include "tuning/applyclient.h"
#include "tuning/catalogue.h"
#include "recording/planexport.h"
#include "tuning/plan.h"
#include "tuning/sysctltree.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <poll.h>
#include <unistd.h>

// Where this build's helper and sysctl.d file are (the test install has its own).
#ifndef SOCKPIT_CLI_HELPER_PATH
#error "SOCKPIT_CLI_HELPER_PATH must come from the build configuration"
#endif
#ifndef SOCKPIT_CLI_SYSCTL_D_DIR
#error "SOCKPIT_CLI_SYSCTL_D_DIR must come from the build configuration"
#endif

namespace Sockpit::Cli {

namespace {

void print(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void printJson(const QJsonObject &object)
{
    print(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
}

// "--set KEY=VALUE", split at the first '='; the value is validated later with the catalogue.
Result<std::vector<RequestedChange>> parseSets(const QStringList &sets)
{
    std::vector<RequestedChange> changes;
    for (const QString &set : sets) {
        const qsizetype equals = set.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return Error{QStringLiteral("--set %1: expected KEY=VALUE, e.g. net.ipv4.tcp_fin_timeout=30").arg(quoted(set))};
        changes.emplace_back(set.left(equals), set.mid(equals + 1));
    }
    if (changes.empty())
        return Error{QStringLiteral("nothing to do: give at least one --set KEY=VALUE")};
    return changes;
}

SysctlFile::Values persistedValues()
{
    const QString path = QStringLiteral(SOCKPIT_CLI_SYSCTL_D_DIR "/") + QLatin1String(SysctlFile::FileName);
    auto content = AtomicFile::read(path);
    if (!content || !content->has_value())
        return {};
    return SysctlFile::parse(QString::fromUtf8(**content));
}

// Every tunable with its value here and what this kernel allows; as the Tuning page does,
// a key that exists but cannot be written in this namespace says "(read-only here)". In
// English whatever the locale, as everything the CLI prints.
QString listCatalogue(const SysctlTree &tree)
{
    const ValidationContext context = ValidationContext::fromTree(tree);
    QString text;
    for (const CurrentValue &current : readCurrentValues(tree)) {
        const Tunable &tunable = *current.tunable;
        QString value = !current.available ? QStringLiteral("(unavailable here)")
                        : !current.error.isEmpty() ? QStringLiteral("(unreadable)")
                        : current.value.isEmpty() ? QStringLiteral("(empty)")
                                                   : current.value;
        if (current.available && current.error.isEmpty() && !current.writable)
            value += QStringLiteral(" (read-only here)");
        const QStringList enumValues = tunable.enumSource == EnumSource::CongestionControl ? context.congestionControls
                                       : tunable.enumSource == EnumSource::QueueDiscipline ? context.queueDisciplines
                                                                                           : QStringList();
        text += QStringLiteral("%1 = %2\n    default %3%4; %5\n    %6\n")
                    .arg(tunable.name(), value,
                         *tunable.defaultValue ? QString::fromLatin1(tunable.defaultValue) : QStringLiteral("(empty)"),
                         *tunable.unit ? QLatin1Char(' ') + Catalogue::unit(tunable) : QString(),
                         Catalogue::describeAllowed(tunable, enumValues, context.kernelRelease),
                         Catalogue::englishExplanation(tunable));
    }
    return text;
}

QCommandLineOption setOption()
{
    return QCommandLineOption(QStringLiteral("set"), QStringLiteral("Set KEY to VALUE (repeatable), e.g. net.ipv4.tcp_fin_timeout=30."),
                              QStringLiteral("KEY=VALUE"));
}

QCommandLineOption textOrJsonOption()
{
    return QCommandLineOption(QStringLiteral("format"), QStringLiteral("text (default) or json."), QStringLiteral("FORMAT"),
                              QStringLiteral("text"));
}

// The helper's answer as the exit code and output of the CLI.
int report(const Result<HelperReply> &reply, bool json)
{
    if (!reply)
        return complain(Failure, reply.error());
    if (json)
        printJson(reply->result);
    const QString status = reply->status();
    switch (reply->exitCode) {
    case HelperProtocol::Done:
        if (!json) {
            const QJsonValue id = reply->result.value(QLatin1String("transaction"));
            QString text;
            for (const QJsonValue &key : reply->result.value(QLatin1String("keys")).toArray()) {
                const QJsonObject object = key.toObject();
                text += QStringLiteral("%1  %2 -> %3\n")
                            .arg(object.value(QLatin1String("key")).toString(),
                                 object.value(QLatin1String("from")).toString(),
                                 object.value(QLatin1String("now")).toString());
            }
            text += QStringLiteral("%1 (transaction %2%3)\n")
                        .arg(status)
                        .arg(id.toInteger())
                        .arg(reply->result.value(QLatin1String("persisted")).toBool() ? QStringLiteral(", persisted")
                                                                                      : QString());
            print(text);
        }
        return Success;
    case HelperProtocol::Refused:
        return complain(BadInput, reply->error());
    case HelperProtocol::RestoreIncomplete: {
        QStringList states;
        for (const QJsonValue &key : reply->result.value(QLatin1String("keys")).toArray()) {
            const QJsonObject object = key.toObject();
            states << QStringLiteral("%1 is %2 (%3)")
                          .arg(object.value(QLatin1String("key")).toString(),
                               object.value(QLatin1String("now")).toString(),
                               object.value(QLatin1String("state")).toString());
        }
        return complain(Failure, QStringLiteral("%1, and restoring failed: %2").arg(reply->error(), states.join(QStringLiteral("; "))));
    }
    default:
        return complain(Failure, QStringLiteral("%1: %2").arg(status, reply->error()));
    }
}

// Asks on the terminal whether to keep a checkpointed change. No answer, EOF or anything
// but "y" within the window is "no": the helper then restores the old values itself.
bool askToKeep(const QJsonObject &pending, int seconds)
{
    QString text = QStringLiteral("Applied for now:\n");
    for (const QJsonValue &key : pending.value(QLatin1String("keys")).toArray()) {
        const QJsonObject object = key.toObject();
        text += QStringLiteral("  %1  %2 -> %3\n")
                    .arg(object.value(QLatin1String("key")).toString(), object.value(QLatin1String("from")).toString(),
                         object.value(QLatin1String("now")).toString());
    }
    text += QStringLiteral("Keep these settings? Type y and Enter within %1 s, or they are restored: ").arg(seconds);
    std::fputs(qUtf8Printable(text), stderr);
    std::fflush(stderr);
    pollfd input{STDIN_FILENO, POLLIN, 0};
    if (::poll(&input, 1, seconds * 1000) <= 0)
        return false;
    char answer[16] = {};
    const ssize_t n = ::read(STDIN_FILENO, answer, sizeof answer - 1);
    return n > 0 && (answer[0] == 'y' || answer[0] == 'Y');
}

ApplyClient client()
{
    return ApplyClient(QStringLiteral(SOCKPIT_CLI_HELPER_PATH));
}

} // namespace

int planCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Validate changes against this kernel and show what applying them would do."));
    parser.addHelpOption();
    const QCommandLineOption set = setOption();
    const QCommandLineOption list(QStringLiteral("list"), QStringLiteral("List every tunable with its current value."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("text (a diff, default), sysctl (the sysctl.d file), json, ansible (a "
                                                   "playbook) or tuned (a TuneD profile)."),
                                    QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption root(QStringLiteral("sysctl-root"),
                                  QStringLiteral("Read a copied /proc/sys tree instead of the live one."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption tunedInclude(QStringLiteral("tuned-include"),
                                          QStringLiteral("tuned: the profile(s) the TuneD profile includes, \"\" for none "
                                                         "(default %1).")
                                              .arg(QLatin1String(DefaultTunedInclude)),
                                          QStringLiteral("PROFILE"), QLatin1String(DefaultTunedInclude));
    parser.addOptions({set, list, format, root, tunedInclude});
    int exitCode = Success;
    if (!parseOptions(parser, arguments, exitCode))
        return exitCode;
    const QString formatName = parser.value(format);
    if (!takesNoArguments(parser, QStringLiteral("plan"), exitCode)
        || !formatIsOneOf(formatName,
                          {QStringLiteral("text"), QStringLiteral("sysctl"), QStringLiteral("json"),
                           QStringLiteral("ansible"), QStringLiteral("tuned")},
                          exitCode))
        return exitCode;
    if (auto include = checkTunedInclude(parser.value(tunedInclude)); !include)
        return complain(BadInput, include.error());
    const SysctlTree tree(parser.isSet(root) ? parser.value(root) : QStringLiteral("/proc/sys"));
    if (parser.isSet(list)) {
        print(listCatalogue(tree));
        return Success;
    }
    auto requested = parseSets(parser.values(set));
    if (!requested)
        return complain(BadInput, requested.error());
    auto plan = makePlan(requested.value(), tree);
    if (!plan)
        return complain(BadInput, plan.error());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (formatName == QLatin1String("json"))
        printJson(plan->toJson(persistedValues(), now));
    else if (formatName == QLatin1String("sysctl"))
        print(plan->sysctlFile(persistedValues(), now));
    else if (formatName == QLatin1String("ansible"))
        print(ansiblePlaybook(plan.value(), now));
    else if (formatName == QLatin1String("tuned"))
        print(tunedProfile(plan.value(), parser.value(tunedInclude), now));
    else
        print(plan->diff());
    return Success;
}

int applyCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Apply changes through sockpit-helper (polkit asks for authorization)."));
    parser.addHelpOption();
    const QCommandLineOption set = setOption();
    const QCommandLineOption persist(QStringLiteral("persist"),
                                     QStringLiteral("Also write them to sysctl.d so they survive a reboot."));
    const QCommandLineOption confirm(QStringLiteral("confirm-within"),
                                     QStringLiteral("Keep the change only if confirmed within SECONDS; otherwise restore it."),
                                     QStringLiteral("SECONDS"));
    const QCommandLineOption acknowledge(QStringLiteral("acknowledge"),
                                         QStringLiteral("Accept what KEY's value does to the host when Sockpit asks "
                                                        "for it (repeatable), e.g. net.ipv4.ping_group_range."),
                                         QStringLiteral("KEY"));
    const QCommandLineOption format = textOrJsonOption();
    parser.addOptions({set, persist, confirm, acknowledge, format});
    int exitCode = Success;
    if (!parseOptions(parser, arguments, exitCode))
        return exitCode;
    if (!takesNoArguments(parser, QStringLiteral("apply"), exitCode)
        || !formatIsOneOf(parser.value(format), {QStringLiteral("text"), QStringLiteral("json")}, exitCode))
        return exitCode;
    const bool json = parser.value(format) == QLatin1String("json");
    HelperRequest request;
    request.action = HelperAction::Apply;
    request.persist = parser.isSet(persist);
    if (parser.isSet(confirm)) {
        bool ok = false;
        request.confirmWithinSeconds = parser.value(confirm).toInt(&ok);
        if (!ok || request.confirmWithinSeconds < 1 || request.confirmWithinSeconds > HelperProtocol::MaximumConfirmSeconds)
            return complain(BadInput, QStringLiteral("--confirm-within %1: expected seconds from 1 to %2")
                                          .arg(quoted(parser.value(confirm)))
                                          .arg(HelperProtocol::MaximumConfirmSeconds));
    }
    auto requested = parseSets(parser.values(set));
    if (!requested)
        return complain(BadInput, requested.error());
    // Validate here first, so bad input is refused before anyone is asked for a password.
    request.acknowledged = parser.values(acknowledge);
    const SysctlTree tree;
    ValidationContext context = ValidationContext::fromTree(tree);
    context.acknowledged = QSet<QString>(request.acknowledged.begin(), request.acknowledged.end());
    auto plan = makePlan(requested.value(), context, readCurrentValues(tree));
    if (!plan)
        return complain(BadInput, plan.error());
    request.changes = plan->requested();
    const int seconds = request.confirmWithinSeconds;
    return report(client().run(request, [seconds](const QJsonObject &pending) { return askToKeep(pending, seconds); }),
                  json);
}

int historyCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the tuning transactions in sockpit-helper's journal."));
    parser.addHelpOption();
    const QCommandLineOption format = textOrJsonOption();
    parser.addOption(format);
    int exitCode = Success;
    if (!parseOptions(parser, arguments, exitCode))
        return exitCode;
    if (!takesNoArguments(parser, QStringLiteral("history"), exitCode)
        || !formatIsOneOf(parser.value(format), {QStringLiteral("text"), QStringLiteral("json")}, exitCode))
        return exitCode;
    const bool json = parser.value(format) == QLatin1String("json");
    HelperRequest request;
    request.action = HelperAction::History;
    auto reply = client().run(request);
    if (!reply)
        return complain(Failure, reply.error());
    if (reply->exitCode != HelperProtocol::Done)
        return complain(Failure, reply->error());
    if (json) {
        printJson(reply->result);
        return Success;
    }
    QString text;
    for (const QJsonValue &value : reply->result.value(QLatin1String("transactions")).toArray()) {
        const QJsonObject entry = value.toObject();
        QStringList changes;
        for (const QJsonValue &change : entry.value(QLatin1String("changes")).toArray()) {
            const QJsonObject object = change.toObject();
            changes << QStringLiteral("%1 %2 -> %3")
                           .arg(object.value(QLatin1String("key")).toString(), object.value(QLatin1String("from")).toString(),
                                object.value(QLatin1String("to")).toString());
        }
        text += QStringLiteral("%1  %2  uid %3  %4%5  %6%7\n    %8\n")
                    .arg(entry.value(QLatin1String("id")).toInteger(), 4)
                    .arg(entry.value(QLatin1String("time")).toString(), entry.value(QLatin1String("uid")).toString(),
                         entry.value(QLatin1String("action")).toString(),
                         entry.contains(QLatin1String("undoes"))
                             ? QStringLiteral(" %1").arg(entry.value(QLatin1String("undoes")).toInteger())
                             : QString(),
                         entry.value(QLatin1String("status")).toString(),
                         entry.value(QLatin1String("undone")).toBool() ? QStringLiteral(" (undone)") : QString(),
                         changes.join(QStringLiteral("; ")));
    }
    print(text.isEmpty() ? QStringLiteral("No transactions yet.\n") : text);
    return Success;
}

int undoCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Restore the values (and sysctl.d file) from before a transaction."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Transaction to undo (default: the latest in force)."));
    const QCommandLineOption format = textOrJsonOption();
    parser.addOption(format);
    int exitCode = Success;
    if (!parseOptions(parser, arguments, exitCode))
        return exitCode;
    if (!formatIsOneOf(parser.value(format), {QStringLiteral("text"), QStringLiteral("json")}, exitCode))
        return exitCode;
    const bool json = parser.value(format) == QLatin1String("json");
    HelperRequest request;
    request.action = HelperAction::Undo;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return complain(BadInput, QStringLiteral("undo takes at most one transaction ID"));
    if (positional.size() == 1) {
        bool ok = false;
        const qint64 id = positional.first().toLongLong(&ok);
        if (!ok || id < 1 || QString::number(id) != positional.first())
            return complain(BadInput, QStringLiteral("bad transaction ID %1: expected a number from 'sockpit-cli history'")
                                          .arg(quoted(positional.first())));
        request.transaction = id;
    }
    return report(client().run(request), json);
}

} // namespace Sockpit::Cli
