#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace egress::studio {

/**
 * Colours JSON and YAML as the code panel shows them: keys, strings, numbers, true/false/null, `${...}`
 * placeholders, YAML comments and CloudFormation tags. Line-based: neither format needs block state here
 * (our writers never emit multi-line strings).
 */
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit JsonHighlighter(QTextDocument *document);
    /** Picks colours readable on a dark or a light background. */
    void setDark(bool dark);
    bool isDark() const { return m_dark; }

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule
    {
        QRegularExpression pattern;
        QTextCharFormat format;
        int group = 0;
    };
    QList<Rule> m_rules;
    bool m_dark = false;
};

} // namespace egress::studio
