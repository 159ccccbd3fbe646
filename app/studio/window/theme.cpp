#include "theme.h"

#include <QApplication>
#include <QFile>
#include <QHash>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QStyle>
#include <QStyleFactory>
#include <QSvgRenderer>

namespace egress::studio {

namespace {

ThemeChoice g_choice = ThemeChoice::System;
QPalette g_systemPalette;
bool g_systemPaletteSaved = false;
DiagramTheme makeTheme(bool dark)
{
    DiagramTheme t;
    t.dark = dark;
    if (!dark) {
        t.background = QColor(0xF7, 0xF8, 0xFA);
        t.grid = QColor(0xE6, 0xE9, 0xEE);
        t.gridMajor = QColor(0xD5, 0xDA, 0xE1);
        t.stepFill = Qt::white;
        t.stepBorder = QColor(0xC3, 0xCA, 0xD3);
        t.stepText = QColor(0x1D, 0x25, 0x2F);
        t.stepSubtext = QColor(0x5E, 0x6A, 0x78);
        t.selection = QColor(0x1A, 0x73, 0xE8);
        t.edge = QColor(0x55, 0x61, 0x6E);
        t.edgeLabel = QColor(0x33, 0x3D, 0x49);
        t.edgeLabelBackground = QColor(0xF7, 0xF8, 0xFA, 230);
        t.catchEdge = QColor(0xC2, 0x41, 0x41);
        t.containerFill = QColor(0xEE, 0xF2, 0xF8, 200);
        t.containerBorder = QColor(0x9F, 0xB3, 0xCE);
        t.branchBorder = QColor(0xB8, 0xC5, 0xD8);
        t.vpcFill = QColor(0x2E, 0x9D, 0x4E, 22);
        t.vpcBorder = QColor(0x2E, 0x8B, 0x47);
        t.vpcText = QColor(0x23, 0x6E, 0x38);
    } else {
        t.background = QColor(0x1B, 0x1E, 0x23);
        t.grid = QColor(0x25, 0x29, 0x2F);
        t.gridMajor = QColor(0x2E, 0x33, 0x3A);
        t.stepFill = QColor(0x2A, 0x2F, 0x36);
        t.stepBorder = QColor(0x45, 0x4D, 0x57);
        t.stepText = QColor(0xE8, 0xEB, 0xEF);
        t.stepSubtext = QColor(0xA3, 0xAD, 0xB9);
        t.selection = QColor(0x5A, 0x9C, 0xF8);
        t.edge = QColor(0x9A, 0xA5, 0xB1);
        t.edgeLabel = QColor(0xD5, 0xDA, 0xE0);
        t.edgeLabelBackground = QColor(0x1B, 0x1E, 0x23, 230);
        t.catchEdge = QColor(0xF0, 0x6B, 0x6B);
        t.containerFill = QColor(0x23, 0x2A, 0x33, 220);
        t.containerBorder = QColor(0x4A, 0x62, 0x82);
        t.branchBorder = QColor(0x3D, 0x50, 0x6A);
        t.vpcFill = QColor(0x3F, 0xB9, 0x61, 20);
        t.vpcBorder = QColor(0x4C, 0xC0, 0x6C);
        t.vpcText = QColor(0x7B, 0xD8, 0x93);
    }
    t.outsideBadge = QColor(0xE0, 0x7B, 0x00);
    t.insideBadge = t.vpcBorder;
    return t;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2B, 0x2F, 0x35), base(0x20, 0x23, 0x28), text(0xE6, 0xE8, 0xEB);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8A, 0x93, 0x9E));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(0x5A, 0x9C, 0xF8));
    p.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xC6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Mid, QColor(0x3A, 0x3F, 0x46));
    p.setColor(QPalette::Dark, QColor(0x1A, 0x1C, 0x20));
    p.setColor(QPalette::Light, QColor(0x40, 0x46, 0x4E));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x7A, 0x80, 0x88));
    return p;
}

QPalette lightPalette()
{
    QPalette p = QApplication::style()->standardPalette(); // Fusion is set first
    p.setColor(QPalette::Highlight, QColor(0x1A, 0x73, 0xE8));
    return p;
}

DiagramTheme g_theme = makeTheme(false);

/** Renders one SVG with its grey recoloured for the theme and mode; pixmaps cached per size and colour. */
class ThemedIconEngine : public QIconEngine
{
public:
    explicit ThemedIconEngine(QString path) : m_path(std::move(path))
    {
        QFile f(m_path);
        if (f.open(QIODevice::ReadOnly))
            m_svg = f.readAll();
    }
    QIconEngine *clone() const override { return new ThemedIconEngine(*this); }
    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        painter->drawPixmap(rect, pixmap(rect.size() * painter->device()->devicePixelRatioF(), mode, state));
    }
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State) override
    {
        const QColor colour = themedIconColor(g_theme.dark, mode);
        const QString key =
            QStringLiteral("%1x%2 %3").arg(size.width()).arg(size.height()).arg(colour.name());
        if (auto it = m_cache.constFind(key); it != m_cache.constEnd())
            return *it;
        QByteArray svg = m_svg;
        svg.replace("#5F6B7A", colour.name().toUpper().toLatin1());
        QSvgRenderer renderer(svg);
        QPixmap out(size);
        out.fill(Qt::transparent);
        if (renderer.isValid()) {
            QPainter p(&out);
            renderer.render(&p);
        }
        m_cache.insert(key, out);
        return out;
    }
    QSize actualSize(const QSize &size, QIcon::Mode, QIcon::State) override { return size; }

private:
    QString m_path;
    QByteArray m_svg;
    QHash<QString, QPixmap> m_cache;
};

} // namespace

QColor themedIconColor(bool dark, QIcon::Mode mode)
{
    if (dark)
        return mode == QIcon::Disabled ? QColor(0x55, 0x5C, 0x66) : QColor(0xC9, 0xD1, 0xDA);
    return mode == QIcon::Disabled ? QColor(0xB8, 0xBF, 0xC8) : QColor(0x5F, 0x6B, 0x7A);
}

QIcon themedIcon(const QString &resourcePath)
{
    return QIcon(new ThemedIconEngine(resourcePath));
}

const DiagramTheme &DiagramTheme::current()
{
    return g_theme;
}

void applyTheme(ThemeChoice choice)
{
    if (!g_systemPaletteSaved) {
        g_systemPalette = QApplication::palette();
        g_systemPaletteSaved = true;
    }
    g_choice = choice;
    bool dark = choice == ThemeChoice::Dark;
    if (choice == ThemeChoice::System)
        dark = g_systemPalette.color(QPalette::Window).lightness() < 128;
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(dark ? darkPalette() : lightPalette());
    g_theme = makeTheme(dark);
}

ThemeChoice currentThemeChoice()
{
    return g_choice;
}

QString themeChoiceName(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::System:
        return QStringLiteral("system");
    case ThemeChoice::Light:
        return QStringLiteral("light");
    case ThemeChoice::Dark:
        return QStringLiteral("dark");
    }
    return {};
}

} // namespace egress::studio
