// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/symptomdiagnosis.h"

#include <QCoreApplication>
#include <QString>

class QTranslator;

namespace Sockpit {

// The words of the tuning wizards for what core/analysis measures: symptom titles,
// figure names, values in their units, advice and verdicts. Translated here, so core
// keeps stable ids and numbers.
class SymptomText
{
    Q_DECLARE_TR_FUNCTIONS(SymptomText)
public:
    // "Outgoing connections fail or ports run out"
    static QString title(Symptom symptom);
    // What the user sees, in a sentence, for the wizard's first page.
    static QString description(Symptom symptom);
    // "Sockets toward 127.1.0.1:9000"
    static QString figureName(const QString &metric, const QString &subject);
    // "150", "75.0 %", "12.5 per second"
    static QString value(const QString &metric, double value);
    static QString value(const SymptomFigure &figure) { return value(figure.metric, figure.value); }
    static QString advice(Advice advice);
    // The listeners a server wizard names, split into those to restart and those whose own
    // configuration asked for a small backlog.
    static QString listenersToRestart(const std::vector<ListenerNote> &listeners);
    // A figure that is a ratio 0..1 ("port_share", "accept_queue_fill"): shown in per cent.
    static bool isRatio(const QString &metric);
    // The Measure step's verdict in a sentence.
    static QString verdict(const SymptomDiagnosis &diagnosis);
    // The Verify step's verdict: how the tracked figure moved.
    static QString effect(const QString &metric, const QString &subject, double before, double after);

    // While one lives, every text above comes from TRANSLATOR (a report written in
    // another language than the window's); nullptr: the application's own.
    class Scope
    {
    public:
        explicit Scope(const QTranslator *translator);
        ~Scope();
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;

    private:
        const QTranslator *m_previous;
    };

private:
    static QString t(const char *source);
    static QString bytes(double value);
    static QString slowTransferFigureName(const QString &metric);
    static QString slowTransfersNotAffected(const SymptomDiagnosis &diagnosis);
    static QString keepaliveFigureName(const QString &metric);
    static QString keepaliveVerdict(const SymptomDiagnosis &diagnosis);
};

} // namespace Sockpit
