#include "jsonhighlighter.h"

namespace egress::studio {

JsonHighlighter::JsonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    setDark(false);
}

void JsonHighlighter::setDark(bool dark)
{
    m_dark = dark;
    auto format = [](QColor color, bool bold = false) {
        QTextCharFormat f;
        f.setForeground(color);
        if (bold)
            f.setFontWeight(QFont::DemiBold);
        return f;
    };
    const QColor key = dark ? QColor(0x9C, 0xDC, 0xFE) : QColor(0x00, 0x45, 0x8B);
    const QColor string = dark ? QColor(0xCE, 0x91, 0x78) : QColor(0xA3, 0x15, 0x15);
    const QColor number = dark ? QColor(0xB5, 0xCE, 0xA8) : QColor(0x09, 0x86, 0x58);
    const QColor keyword = dark ? QColor(0x56, 0x9C, 0xD6) : QColor(0x00, 0x00, 0xFF);
    const QColor placeholder = dark ? QColor(0xDC, 0xDC, 0xAA) : QColor(0x79, 0x5E, 0x26);
    const QColor comment = dark ? QColor(0x6A, 0x99, 0x55) : QColor(0x00, 0x80, 0x00);
    m_rules = {
        {QRegularExpression(QStringLiteral(R"(-?\b\d+(\.\d+)?([eE][+-]?\d+)?\b)")), format(number)},
        {QRegularExpression(QStringLiteral(R"(\b(true|false|null)\b)")), format(keyword)},
        {QRegularExpression(QStringLiteral(R"("(?:[^"\\]|\\.)*")")), format(string)},
        {QRegularExpression(QStringLiteral(R"('(?:[^']|'')*')")), format(string)},
        {QRegularExpression(QStringLiteral(R"(("(?:[^"\\]|\\.)*")\s*:)")), format(key, true), 1},
        {QRegularExpression(QStringLiteral(R"(^\s*(?:-\s+)?([^\s"'#:{}\[\],][^:#]*?):(\s|$))")),
         format(key, true), 1},
        {QRegularExpression(QStringLiteral(R"(!\w+)")), format(keyword)},
        {QRegularExpression(QStringLiteral(R"(\$\{[^}]*\})")), format(placeholder, true)},
        {QRegularExpression(QStringLiteral(R"((^|\s)(#.*)$)")), format(comment), 2},
    };
    rehighlight();
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    for (const Rule &rule : m_rules) {
        auto it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            setFormat(int(m.capturedStart(rule.group)), int(m.capturedLength(rule.group)), rule.format);
        }
    }
}

} // namespace egress::studio
