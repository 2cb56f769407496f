// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class QTextDocument;

namespace Sockpit {

// Highlights sysctl.d files the way sysctl.conf(5) reads them: "#" and ";" start a
// comment line, "key = value" sets a key, and a leading "-" makes a failing key
// non-fatal. Used when KF6SyntaxHighlighting is not part of the build.
class ConfHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    enum class Part { Comment, Key, Separator, Value, IgnoreFailure };

    explicit ConfHighlighter(QTextDocument *document);

    // The format each part is drawn with, from the document's palette when attached.
    QTextCharFormat format(Part part) const;

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_comment;
    QTextCharFormat m_key;
    QTextCharFormat m_separator;
    QTextCharFormat m_value;
    QTextCharFormat m_ignoreFailure;
};

// Attaches the best highlighter this build has for a sysctl.d file to document:
// KF6SyntaxHighlighting's "INI Files" definition when the build found it, the built-in
// ConfHighlighter otherwise. The highlighter is a child of document.
QSyntaxHighlighter *highlightSysctlConf(QTextDocument *document, bool darkPalette);

} // namespace Sockpit
