#pragma once

#include <QFont>
#include <QHash>
#include <QStyledItemDelegate>
#include <memory>

class QTextLayout;

namespace egress::studio {

/**
 * Draws exactly what QStyledItemDelegate draws, keeping each cell's text laid out. The style draws a cell's
 * background, check and icon; its text it shapes (HarfBuzz) up to three times per cell per paint: to lay the
 * cell out, to elide it and to draw it. On a table whose figures change on every mouse move of a drag (the
 * cost table) that shaping was most of a repaint. Here a cell's text is shaped once per text, font, size,
 * alignment, direction and elide mode: the elided, laid-out line is kept and drawn again in the colour the
 * style would use. Cells with several lines, word wrap, a focus frame or an editor are drawn by
 * QStyledItemDelegate itself.
 */
class CachedTextDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    ~CachedTextDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    /** Laid-out texts kept (for tests). */
    qsizetype cachedTexts() const { return m_cache.size(); }

    struct Key
    {
        QString text;
        QFont font;
        QSize size;
        int alignment = 0;
        int direction = 0;
        int elideMode = 0;
        bool operator==(const Key &) const = default;
    };

private:
    struct Line
    {
        std::shared_ptr<QTextLayout> layout;
        qreal top = 0; ///< where the line starts below the text rectangle's top
    };
    const Line &line(Key key) const;

    mutable QHash<Key, Line> m_cache;
};

size_t qHash(const CachedTextDelegate::Key &key, size_t seed = 0);

} // namespace egress::studio
