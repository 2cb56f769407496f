// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/confhighlighter.h"

#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace Sockpit;

namespace {

// The format ranges the highlighter left on one line, as (start, length, part).
struct Range
{
    int start;
    int length;
    ConfHighlighter::Part part;
};

QList<Range> rangesOf(const ConfHighlighter &highlighter, const QTextBlock &block)
{
    const ConfHighlighter::Part parts[] = {ConfHighlighter::Part::Comment, ConfHighlighter::Part::Key,
                                           ConfHighlighter::Part::Separator, ConfHighlighter::Part::Value,
                                           ConfHighlighter::Part::IgnoreFailure};
    QList<Range> ranges;
    const auto formats = block.layout()->formats();
    for (const QTextLayout::FormatRange &range : formats) {
        for (ConfHighlighter::Part part : parts) {
            if (range.format == highlighter.format(part)) {
                ranges.append({range.start, range.length, part});
                break;
            }
        }
    }
    return ranges;
}

} // namespace

class TestConfHighlighter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void partsAreDistinct()
    {
        QTextDocument document;
        ConfHighlighter highlighter(&document);
        QVERIFY(highlighter.format(ConfHighlighter::Part::Comment) != highlighter.format(ConfHighlighter::Part::Key));
        QVERIFY(highlighter.format(ConfHighlighter::Part::Key) != highlighter.format(ConfHighlighter::Part::Value));
        QVERIFY(highlighter.format(ConfHighlighter::Part::Separator)
                != highlighter.format(ConfHighlighter::Part::Value));
    }

    void linesOfASysctlFile()
    {
        QTextDocument document;
        ConfHighlighter highlighter(&document);
        document.setPlainText(QStringLiteral("# Written by Sockpit\n"
                                             "net.ipv4.tcp_fin_timeout = 30\n"
                                             "-net.core.somaxconn=4096\n"
                                             "  ; old\n"
                                             "\n"
                                             "net.ipv4.ip_local_port_range = 10000\t65000\n"));
        // A new highlighter formats on its first event-loop turn; do it now.
        highlighter.rehighlight();
        using P = ConfHighlighter::Part;

        auto line = [&](int n) { return rangesOf(highlighter, document.findBlockByNumber(n)); };

        QList<Range> comment = line(0);
        QCOMPARE(comment.size(), 1);
        QCOMPARE(comment[0].part, P::Comment);
        QCOMPARE(comment[0].start, 0);
        QCOMPARE(comment[0].length, 20);

        QList<Range> set = line(1);
        QCOMPARE(set.size(), 3);
        QCOMPARE(set[0].part, P::Key);
        QCOMPARE(set[0].length, int(qstrlen("net.ipv4.tcp_fin_timeout ")));
        QCOMPARE(set[1].part, P::Separator);
        QCOMPARE(set[1].start, int(qstrlen("net.ipv4.tcp_fin_timeout ")));
        QCOMPARE(set[2].part, P::Value);
        QCOMPARE(set[2].length, 3);

        QList<Range> ignoring = line(2);
        QCOMPARE(ignoring.size(), 4);
        QCOMPARE(ignoring[0].part, P::IgnoreFailure);
        QCOMPARE(ignoring[0].start, 0);
        QCOMPARE(ignoring[0].length, 1);
        QCOMPARE(ignoring[1].part, P::Key);
        QCOMPARE(ignoring[1].start, 1);

        QList<Range> indented = line(3);
        QCOMPARE(indented.size(), 1);
        QCOMPARE(indented[0].part, P::Comment);
        QCOMPARE(indented[0].start, 2);

        QVERIFY(line(4).isEmpty());

        QList<Range> range = line(5);
        QCOMPARE(range.size(), 3);
        QCOMPARE(range[2].part, P::Value);
        QCOMPARE(range[2].length, int(qstrlen(" 10000\t65000")));
    }

    void theBuildsHighlighterIsAttached()
    {
        QTextDocument document;
        QSyntaxHighlighter *highlighter = highlightSysctlConf(&document, false);
        QVERIFY(highlighter);
        QCOMPARE(highlighter->document(), &document);
#ifndef SOCKPIT_HAVE_KSYNTAXHIGHLIGHTING
        QVERIFY(qobject_cast<ConfHighlighter *>(highlighter));
#endif
    }
};

QTEST_MAIN(TestConfHighlighter)
#include "tst_confhighlighter.moc"
