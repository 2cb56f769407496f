// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/confhighlighter.h"

#include <QGuiApplication>
#include <QPalette>
#include <QTextDocument>

#ifdef SOCKPIT_HAVE_KSYNTAXHIGHLIGHTING
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#endif

namespace Sockpit {

ConfHighlighter::ConfHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    const QPalette palette = QGuiApplication::palette();
    m_comment.setForeground(palette.color(QPalette::PlaceholderText));
    m_comment.setFontItalic(true);
    m_key.setForeground(palette.color(QPalette::Link));
    m_key.setFontWeight(QFont::Bold);
    m_separator.setForeground(palette.color(QPalette::PlaceholderText));
    m_value.setForeground(palette.color(QPalette::Text));
    m_ignoreFailure.setForeground(palette.color(QPalette::LinkVisited));
    m_ignoreFailure.setFontWeight(QFont::Bold);
}

QTextCharFormat ConfHighlighter::format(Part part) const
{
    switch (part) {
    case Part::Comment:
        return m_comment;
    case Part::Key:
        return m_key;
    case Part::Separator:
        return m_separator;
    case Part::Value:
        return m_value;
    case Part::IgnoreFailure:
        return m_ignoreFailure;
    }
    return {};
}

// sysctl.conf(5): "token = value"; whitespace around either is ignored, a line whose
// first non-blank character is '#' or ';' is a comment, and "-token = value" keeps
// going when writing token fails.
void ConfHighlighter::highlightBlock(const QString &text)
{
    qsizetype at = 0;
    while (at < text.size() && text.at(at).isSpace())
        ++at;
    if (at == text.size())
        return;
    if (text.at(at) == u'#' || text.at(at) == u';') {
        setFormat(int(at), int(text.size() - at), m_comment);
        return;
    }
    if (text.at(at) == u'-') {
        setFormat(int(at), 1, m_ignoreFailure);
        ++at;
    }
    const qsizetype equals = text.indexOf(u'=', at);
    if (equals < 0) {
        setFormat(int(at), int(text.size() - at), m_key);
        return;
    }
    setFormat(int(at), int(equals - at), m_key);
    setFormat(int(equals), 1, m_separator);
    setFormat(int(equals + 1), int(text.size() - equals - 1), m_value);
}

QSyntaxHighlighter *highlightSysctlConf(QTextDocument *document, bool darkPalette)
{
#ifdef SOCKPIT_HAVE_KSYNTAXHIGHLIGHTING
    // One repository for the process: loading the definitions is the expensive part.
    static KSyntaxHighlighting::Repository repository;
    const KSyntaxHighlighting::Definition definition = repository.definitionForName(QStringLiteral("INI Files"));
    if (definition.isValid()) {
        auto *highlighter = new KSyntaxHighlighting::SyntaxHighlighter(document);
        highlighter->setDefinition(definition);
        highlighter->setTheme(repository.defaultTheme(darkPalette ? KSyntaxHighlighting::Repository::DarkTheme
                                                                  : KSyntaxHighlighting::Repository::LightTheme));
        return highlighter;
    }
#else
    Q_UNUSED(darkPalette)
#endif
    return new ConfHighlighter(document);
}

} // namespace Sockpit
