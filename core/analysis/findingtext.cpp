// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/findingtext.h"

#include <QCoreApplication>

namespace Sockpit {

namespace {

// %1..%99 replaced by ARGUMENTS in one pass, so an argument that itself contains "%2"
// (a process name, a log line) is never substituted again, and a translation may put
// the markers in any order. A marker without an argument stays as written.
QString substitute(const QString &pattern, const QStringList &arguments)
{
    QString out;
    out.reserve(pattern.size() + 16 * arguments.size());
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c != u'%' || i + 1 >= pattern.size() || !pattern.at(i + 1).isDigit()) {
            out += c;
            continue;
        }
        qsizetype end = i + 1;
        int number = 0;
        while (end < pattern.size() && end < i + 3 && pattern.at(end).isDigit())
            number = number * 10 + pattern.at(end++).digitValue();
        if (number >= 1 && number <= arguments.size()) {
            out += arguments.at(number - 1);
            i = end - 1;
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

FindingText::FindingText(const char *source)
    : m_source(source)
{
}

FindingText &FindingText::arg(const QString &value)
{
    m_arguments << value;
    return *this;
}

QString FindingText::english() const
{
    return m_source ? substitute(QString::fromUtf8(m_source), m_arguments) : QString();
}

QString FindingText::translated() const
{
    return m_source ? substitute(QCoreApplication::translate(Context, m_source), m_arguments) : QString();
}

QString FindingText::translateWord(const QString &word)
{
    if (word.isEmpty())
        return word;
    const QByteArray utf8 = word.toUtf8();
    return QCoreApplication::translate(Context, utf8.constData());
}

QStringList englishTexts(const QList<FindingText> &list)
{
    QStringList out;
    out.reserve(list.size());
    for (const FindingText &text : list)
        out << text.english();
    return out;
}

QStringList translatedTexts(const QList<FindingText> &list)
{
    QStringList out;
    out.reserve(list.size());
    for (const FindingText &text : list)
        out << text.translated();
    return out;
}

} // namespace Sockpit
