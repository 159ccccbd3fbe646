#include "cachedtextdelegate.h"

#include <QApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QStyle>
#include <QTextLayout>

namespace egress::studio {

namespace {

/**
 * Lines kept at most. A table on screen shows a few hundred cells and a drag alternates between two sets of
 * figures, so this holds them all; when full, the cache starts again (memory stays bounded).
 */
constexpr qsizetype kMaxCached = 1024;

/** One line of `text` laid out `width` wide, at the top left, as the style lays out an item's text. */
void layOut(QTextLayout &layout, const QString &text, const QFont &font, const QTextOption &option, int width)
{
    layout.setCacheEnabled(true); // or draw() frees the shaped glyphs and the next draw shapes them again
    layout.setText(text);
    layout.setFont(font);
    layout.setTextOption(option);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    line.setLineWidth(width);
    line.setPosition(QPointF(0, 0));
    layout.endLayout();
}

} // namespace

size_t qHash(const CachedTextDelegate::Key &key, size_t seed)
{
    return qHashMulti(seed, key.text, key.font, key.size.width(), key.size.height(), key.alignment,
                      key.direction, key.elideMode);
}

CachedTextDelegate::~CachedTextDelegate() = default;

const CachedTextDelegate::Line &CachedTextDelegate::line(Key key) const
{
    if (auto it = m_cache.constFind(key); it != m_cache.cend())
        return *it;
    if (m_cache.size() >= kMaxCached)
        m_cache.clear();
    const auto direction = Qt::LayoutDirection(key.direction);
    const auto alignment = Qt::Alignment(key.alignment);
    QTextOption option;
    option.setWrapMode(QTextOption::ManualWrap);
    option.setTextDirection(direction);
    option.setAlignment(QStyle::visualAlignment(direction, alignment));
    // As the style does: the whole text decides where the line goes (its height aligned in the rectangle)
    // and whether it is elided; the elided text is what is drawn.
    Line out;
    out.layout = std::make_shared<QTextLayout>();
    layOut(*out.layout, key.text, key.font, option, key.size.width());
    const QRect aligned =
        QStyle::alignedRect(Qt::LayoutDirectionAuto, alignment, out.layout->boundingRect().size().toSize(),
                            QRect(QPoint(0, 0), key.size));
    out.top = aligned.top();
    if (out.layout->lineAt(0).naturalTextWidth() > key.size.width()) {
        const QString elided =
            QFontMetrics(key.font).elidedText(key.text, Qt::TextElideMode(key.elideMode), key.size.width());
        out.layout = std::make_shared<QTextLayout>();
        layOut(*out.layout, elided, key.font, option, key.size.width());
    }
    return *m_cache.insert(std::move(key), std::move(out));
}

void CachedTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (opt.text.isEmpty() || opt.features.testFlag(QStyleOptionViewItem::WrapText) ||
        opt.state & (QStyle::State_HasFocus | QStyle::State_Editing) ||
        opt.text.contains(QChar::LineSeparator) || opt.text.contains(QLatin1Char('\n'))) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // The background, check and icon as the style draws them; their places do not depend on the text.
    Key key{std::exchange(opt.text, {}), opt.font,           {},
            int(opt.displayAlignment),   int(opt.direction), int(opt.textElideMode)};
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    // The text where the style puts it: its rectangle less the focus frame's margin, in the colour it picks.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect textRect =
        style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget).adjusted(margin, 0, -margin, 0);
    key.size = textRect.size();
    QPalette::ColorGroup group = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    if (group == QPalette::Normal && !(opt.state & QStyle::State_Active))
        group = QPalette::Inactive;
    const Line &l = line(std::move(key));
    painter->save();
    painter->setClipRect(opt.rect);
    painter->setPen(opt.palette.color(group, opt.state & QStyle::State_Selected ? QPalette::HighlightedText
                                                                                : QPalette::Text));
    l.layout->draw(painter, QPointF(textRect.x(), textRect.y() + l.top));
    painter->restore();
}

} // namespace egress::studio
