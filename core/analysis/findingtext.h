// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <QtGlobal>

#include <concepts>

namespace Sockpit {

// One sentence of a finding, kept as its English template and the arguments that fill
// %1, %2, ... so that it can be spelled twice: in English for JSON and the CLI (stable,
// machine-readable), and in the window's language. Templates are marked where they are
// written with QT_TRANSLATE_NOOP("Sockpit::Finding", "...") so lupdate finds them.
class FindingText
{
public:
    static constexpr const char *Context = "Sockpit::Finding";

    FindingText() = default;
    // SOURCE must outlive the text: a string literal marked with QT_TRANSLATE_NOOP.
    explicit FindingText(const char *source);

    // Fills the next %N, as QString::arg does; numbers are spelled as QString::number.
    FindingText &arg(const QString &value);
    template<std::integral Number>
    FindingText &arg(Number value)
    {
        return arg(QString::number(value));
    }

    bool isEmpty() const { return m_source == nullptr || *m_source == '\0'; }
    const char *source() const { return m_source; }
    const QStringList &arguments() const { return m_arguments; }

    QString english() const;
    // In the language of the translators installed on the application, English without.
    QString translated() const;

    // A plain word the rules mark with QT_TRANSLATE_NOOP but store as a string, such as
    // an evidence unit; WORD itself when no translation has it.
    static QString translateWord(const QString &word);

private:
    const char *m_source = nullptr;
    QStringList m_arguments;
};

// Every text of LIST in English, or translated, in order.
QStringList englishTexts(const QList<FindingText> &list);
QStringList translatedTexts(const QList<FindingText> &list);

} // namespace Sockpit
