#include "sdkactions.h"

#include "presets.h"
#include "sdk/integrations.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <memory>

namespace egress::studio {

namespace {

/** "putItem" → "Put item": a readable default step name. */
QString words(const std::string &action)
{
    QString text = QString::fromStdString(action);
    static const QRegularExpression boundary(QStringLiteral("(?<=[a-z0-9])(?=[A-Z])"));
    QStringList parts = text.split(boundary);
    for (int i = 0; i < parts.size(); ++i) {
        // Keep acronyms (DB, SQL) as they are; lower-case ordinary words after the first.
        const bool acronym = parts[i].size() > 1 && parts[i].at(1).isUpper();
        if (i == 0)
            parts[i][0] = parts[i][0].toUpper();
        else if (!acronym)
            parts[i] = parts[i].toLower();
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace

const sdk::Catalog &sdkCatalog()
{
    static const sdk::Catalog catalog = [] {
        QFile file(QStringLiteral(":/sdk/aws-sdk-actions.json"));
        std::string error = "the resource :/sdk/aws-sdk-actions.json is missing";
        if (file.open(QIODevice::ReadOnly)) {
            const QByteArray bytes = file.readAll();
            if (auto c = sdk::Catalog::parse(std::string_view(bytes.constData(), std::size_t(bytes.size())),
                                             &error))
                return std::move(*c);
        }
        qWarning("AWS SDK actions unavailable: %s", error.c_str());
        return sdk::Catalog();
    }();
    return catalog;
}

QString sdkPresetId(const sdk::Service &service, const sdk::Operation &operation)
{
    return QStringLiteral("sdk:%1:%2")
        .arg(QString::fromStdString(service.name), QString::fromStdString(operation.action));
}

const Preset *sdkPreset(const QString &id)
{
    static QHash<QString, std::shared_ptr<const Preset>> made;
    if (auto it = made.constFind(id); it != made.constEnd())
        return it->get();
    const QStringList parts = id.split(QLatin1Char(':'));
    if (parts.size() != 3 || parts[0] != QLatin1String("sdk"))
        return nullptr;
    const std::string serviceName = parts[1].toStdString(), action = parts[2].toStdString();
    const sdk::Service *service = sdkCatalog().service(serviceName);
    const sdk::Operation *operation = sdkCatalog().operation(serviceName, action);
    if (!service || !operation)
        return nullptr;
    const auto optimized = sdk::optimizedResource(serviceName, action);
    const std::string resource = optimized.value_or(sdk::sdkResource(serviceName, action));
    asl::Json state{{"Type", "Task"}, {"Resource", resource}};
    state["Parameters"] = sdk::parametersSkeleton(*operation, false);
    state["End"] = true;

    auto preset = std::make_shared<Preset>();
    preset->id = id;
    preset->title = QStringLiteral("%1 %2").arg(parts[1], parts[2]);
    preset->group = QObject::tr("AWS SDK actions");
    preset->baseName = words(action);
    auto join = [](const std::vector<std::string> &names) {
        QStringList out;
        for (const auto &n : names)
            out << QString::fromStdString(n);
        return out.isEmpty() ? QObject::tr("none") : out.join(QStringLiteral(", "));
    };
    preset->tooltip =
        QObject::tr("%1: %2\n%3\nIAM action: %4\nRequired input: %5")
            .arg(QString::fromStdString(service->title), QString::fromStdString(sdk::iamActionName(action)),
                 optimized ? QObject::tr("Optimized integration: %1").arg(QString::fromStdString(resource))
                           : QObject::tr("AWS SDK integration: %1").arg(QString::fromStdString(resource)),
                 QString::fromStdString(sdk::iamAction(*service, *operation)), join(operation->required));
    preset->state = std::move(state);
    return made.insert(id, std::move(preset)).value().get();
}

} // namespace egress::studio
