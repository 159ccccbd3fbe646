#include "inspector.h"

#include "choiceeditor.h"
#include "document.h"
#include "edits.h"
#include "fieldeditors.h"
#include "fieldhelp.h"
#include "queries.h"
#include "retryeditor.h"
#include "sdk/integrations.h"
#include "stepkind.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace egress::studio {

using asl::Json;

namespace {

std::optional<Json> fieldOf(const Json &state, const char *key)
{
    if (auto it = state.find(key); it != state.end())
        return *it;
    return std::nullopt;
}

QString scalarText(const std::optional<Json> &v)
{
    if (!v)
        return {};
    if (v->is_string())
        return QString::fromStdString(v->get<std::string>());
    return QString::fromStdString(v->dump());
}

QDoubleSpinBox *doubleSpin(double min, double max, double value, int decimals, const QString &suffix)
{
    auto *spin = new QDoubleSpinBox;
    spin->setRange(min, max);
    spin->setDecimals(decimals);
    spin->setValue(value);
    spin->setSuffix(suffix);
    spin->setKeyboardTracking(false);
    spin->setAccelerated(true);
    return spin;
}

template <typename E, std::size_t N> QComboBox *enumCombo(const std::array<E, N> &values, E current)
{
    auto *combo = new QComboBox;
    for (E v : values)
        combo->addItem(QString::fromLatin1(design::toString(v)), static_cast<int>(v));
    combo->setCurrentIndex(combo->findData(static_cast<int>(current)));
    return combo;
}

/**
 * What a Lambda step's traffic leaves for, in words: the project-file ids (`vpc-private`, …) mean nothing
 * to a new user. Each entry's tooltip says what it costs where, and names the id used in files and the CLI.
 */
QComboBox *egressComboFor(design::Egress current)
{
    struct Choice
    {
        design::Egress value;
        const char *label;
        const char *help;
    };
    static const Choice choices[] = {
        {design::Egress::None, QT_TRANSLATE_NOOP("Inspector", "Nothing outside the function"),
         QT_TRANSLATE_NOOP("Inspector", "It calls nothing: no egress cost inside or outside the VPC.")},
        {design::Egress::Internet, QT_TRANSLATE_NOOP("Inspector", "The internet (a third-party API)"),
         QT_TRANSLATE_NOOP("Inspector", "Inside the VPC it needs a NAT gateway (or another way out); "
                                        "outside the VPC it reaches the internet directly.")},
        {design::Egress::AwsGatewayEndpoint,
         QT_TRANSLATE_NOOP("Inspector", "An AWS service with a gateway endpoint (S3, DynamoDB)"),
         QT_TRANSLATE_NOOP("Inspector", "Inside the VPC a free gateway endpoint reaches it; no NAT needed.")},
        {design::Egress::AwsInterfaceEndpoint,
         QT_TRANSLATE_NOOP("Inspector", "An AWS service over an interface endpoint (PrivateLink)"),
         QT_TRANSLATE_NOOP("Inspector", "Inside the VPC an interface endpoint (billed per hour and GB) or "
                                        "a NAT gateway reaches it.")},
        {design::Egress::VpcPrivate,
         QT_TRANSLATE_NOOP("Inspector", "Resources inside the VPC only (a database)"),
         QT_TRANSLATE_NOOP("Inspector", "It must run inside the VPC: outside it cannot reach them.")},
    };
    auto *combo = new QComboBox;
    for (const Choice &c : choices) {
        combo->addItem(QCoreApplication::translate("Inspector", c.label), static_cast<int>(c.value));
        combo->setItemData(combo->count() - 1,
                           QCoreApplication::translate("Inspector", c.help) +
                               QStringLiteral("\n(%1 in project files and egress-cli)")
                                   .arg(QString::fromLatin1(design::toString(c.value))),
                           Qt::ToolTipRole);
    }
    combo->setCurrentIndex(combo->findData(static_cast<int>(current)));
    combo->setToolTip(QCoreApplication::translate(
        "Inspector", "What the function's calls go to: it decides which ways out of the VPC the step needs"));
    return combo;
}

/**
 * The IAM action the state machine's role needs for a Task: the same sdk::taskIamActions the CloudFormation
 * export's policy is built from.
 */
QLabel *iamActionLabel(const Json &state)
{
    const Json resource = state.value("Resource", Json());
    QString text;
    if (resource.is_string()) {
        const std::string arn = resource.get<std::string>();
        QStringList actions;
        for (const std::string &a : sdk::taskIamActions(arn))
            actions << QString::fromStdString(a);
        if (!actions.isEmpty())
            text = actions.join(QStringLiteral(", "));
        else if (arn.find(":activity:") != std::string::npos)
            text = QCoreApplication::translate("Inspector", "none: a worker polls the activity");
        else if (arn.rfind("${", 0) == 0)
            text = QCoreApplication::translate("Inspector", "known when the placeholder is substituted");
    }
    if (text.isEmpty())
        text = QCoreApplication::translate("Inspector", "unknown for this Resource");
    auto *label = new QLabel(text);
    label->setObjectName(QStringLiteral("field.iamAction"));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

/**
 * The page fits the dock at its default width (no horizontal scroll bar): a combo box is as wide as its
 * longest entry by default (a state name, an egress described in words), or as wide as the minimum its
 * editor asked for; here it shrinks with the dock and its list still shows every entry whole.
 */
void fitWidth(QWidget *content)
{
    for (auto *combo : content->findChildren<QComboBox *>()) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(6);
    }
    // A sentence (a note, a notice) wraps rather than widening the page.
    for (auto *label : content->findChildren<QLabel *>())
        if (!label->wordWrap() && label->text().size() > 24 && !label->text().contains(QLatin1String("<img")))
            label->setWordWrap(true);
    // A form too narrow for label and field side by side (a retrier's card) puts the label above.
    for (auto *form : content->findChildren<QFormLayout *>())
        form->setRowWrapPolicy(QFormLayout::WrapLongRows);
}

} // namespace

Inspector::Inspector(Document *doc, QWidget *parent) : QScrollArea(parent), m_doc(doc)
{
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setMinimumWidth(240); // the left column is 270 wide by default (panels.cpp); its pages fit that
    connect(doc, &Document::projectReset, this, [this] {
        m_selection.clear();
        scheduleRefresh();
    });
    connect(doc, &Document::stepChanged, this, [this](const QString &name) {
        if (m_selection.contains(name))
            scheduleRefresh();
        else if (m_selection.size() == 1 && containersOf(*m_doc, name).contains(m_selection.front()))
            scheduleRefresh(); // a container's page sums up its nested steps' placements
    });
    connect(doc, &Document::stepRemoved, this, [this](const QString &name) {
        if (m_selection.removeAll(name))
            scheduleRefresh();
    });
    for (auto signal : {&Document::definitionChanged, &Document::vpcChanged, &Document::usageChanged,
                        &Document::projectPropertiesChanged})
        connect(doc, signal, this, &Inspector::scheduleRefresh);
    refresh();
}

void Inspector::setSelection(const QStringList &names)
{
    if (names == m_selection)
        return;
    m_selection = names;
    refresh();
}

void Inspector::scheduleRefresh()
{
    if (m_refreshPending)
        return;
    m_refreshPending = true;
    // Deferred: a field that committed must not be deleted inside its own signal.
    QTimer::singleShot(0, this, [this] {
        if (m_refreshPending)
            refresh();
    });
}

void Inspector::refresh()
{
    m_refreshPending = false;
    const QString focused = QApplication::focusWidget() && isAncestorOf(QApplication::focusWidget())
                                ? QApplication::focusWidget()->objectName()
                                : QString();
    // The same page rebuilt after an edit keeps where the user was: the scroll position, and text typed
    // into other fields that was refused or not yet committed (it would otherwise vanish silently).
    const bool samePage = m_selection == m_shownSelection;
    const int scroll = samePage ? verticalScrollBar()->value() : 0;
    QHash<QString, QString> pending;
    if (samePage && widget()) {
        for (auto *field : widget()->findChildren<CheckedLineEdit *>())
            if (auto text = field->pendingText())
                pending.insert(field->lineEdit()->objectName(), *text);
        for (auto *field : widget()->findChildren<JsonEdit *>())
            if (auto text = field->pendingText())
                pending.insert(field->textEdit()->objectName(), *text);
    }
    m_shownSelection = m_selection;
    auto *content = new QWidget;
    auto *page = new QVBoxLayout(content);
    page->setContentsMargins(8, 8, 8, 8);
    page->setSpacing(10);
    if (m_selection.size() == 1 && m_doc->index().find(m_selection.front().toStdString())) {
        buildStepPage(page, m_selection.front());
    } else if (m_selection.size() > 1) {
        auto *label = new QLabel(tr("%1 steps selected.\nDrag them together, align them (Arrange menu), "
                                    "or delete them.")
                                     .arg(m_selection.size()));
        label->setWordWrap(true);
        page->addWidget(label);
    } else {
        buildProjectPage(page);
    }
    page->addStretch(1);
    applyFieldHelp(content);
    fitWidth(content);
    if (QWidget *old = takeWidget())
        old->deleteLater();
    setWidget(content);
    for (auto *field : content->findChildren<CheckedLineEdit *>())
        if (auto it = pending.constFind(field->lineEdit()->objectName());
            it != pending.constEnd() && !it.key().isEmpty())
            field->restorePending(*it);
    for (auto *field : content->findChildren<JsonEdit *>())
        if (auto it = pending.constFind(field->textEdit()->objectName());
            it != pending.constEnd() && !it.key().isEmpty())
            field->restorePending(*it);
    if (!focused.isEmpty())
        if (auto *w = content->findChild<QWidget *>(focused))
            w->setFocus();
    if (scroll > 0) {
        // The new page's size is known once its layout ran.
        content->adjustSize();
        verticalScrollBar()->setValue(scroll);
        QTimer::singleShot(0, this, [this, scroll] { verticalScrollBar()->setValue(scroll); });
    }
}

bool Inspector::focusFirstField()
{
    if (m_refreshPending || m_selection != m_shownSelection)
        refresh();
    QWidget *content = widget();
    if (!content)
        return false;
    QWidget *target = content->findChild<QLineEdit *>(QStringLiteral("field.Name"));
    if (!target)
        for (QWidget *w : content->findChildren<QWidget *>())
            if ((w->focusPolicy() & Qt::TabFocus) && w->isVisibleTo(content) && w->isEnabled() &&
                !w->focusProxy()) {
                target = w;
                break;
            }
    if (!target)
        return false;
    target->setFocus(Qt::ShortcutFocusReason);
    if (auto *line = qobject_cast<QLineEdit *>(target))
        line->selectAll();
    ensureWidgetVisible(target);
    return true;
}

void Inspector::addSourceRows(QFormLayout *form, const design::TemplateSource &source, size_t notes)
{
    // Where the design came from, so a user who edits the template knows what Re-import will read.
    const QString path = QString::fromStdString(source.templatePath);
    auto *label = new QLabel(tr("%1<br>state machine <b>%2</b>")
                                 .arg(QFileInfo(path).fileName().toHtmlEscaped(),
                                      QString::fromStdString(source.stateMachine).toHtmlEscaped()));
    label->setObjectName(QStringLiteral("project.source"));
    label->setWordWrap(true);
    label->setToolTip(path);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Template"), label);
    if (notes > 0) {
        auto *noteLabel = new QLabel(notes == 1 ? tr("1 import note, listed in Problems")
                                                : tr("%1 import notes, listed in Problems").arg(notes));
        noteLabel->setObjectName(QStringLiteral("project.importNotes"));
        noteLabel->setWordWrap(true);
        form->addRow(tr("Notes"), noteLabel);
    }
    auto *reimport = new QPushButton(tr("Re-import"));
    reimport->setObjectName(QStringLiteral("project.reimport"));
    reimport->setToolTip(tr("Read the template again after it changed; step positions are kept "
                            "(File ▸ Re-import from Template, undoable)"));
    connect(reimport, &QPushButton::clicked, this, &Inspector::reimportRequested);
    form->addRow(QString(), reimport);
}

QFormLayout *Inspector::addSection(QVBoxLayout *page, const QString &title)
{
    auto *box = new QGroupBox(title);
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setLabelAlignment(Qt::AlignLeft);
    page->addWidget(box);
    return form;
}

QVBoxLayout *Inspector::addListSection(QVBoxLayout *page, const QString &title, const QString &name,
                                       const char *key, const Json &state, TextChecker checker,
                                       const std::function<ListEditor *()> &makeForm)
{
    auto *box = new QGroupBox(title);
    auto *layout = new QVBoxLayout(box);
    layout->setSpacing(6);
    page->addWidget(box);
    const QString k = QString::fromLatin1(key);
    const std::optional<Json> value = fieldOf(state, key);
    // The form shows a list of objects; anything else can only be repaired as JSON.
    const bool expressible =
        !value || (value->is_array() &&
                   std::all_of(value->begin(), value->end(), [](const Json &e) { return e.is_object(); }));
    const bool asJson = !expressible || m_jsonFields.contains(k);
    auto *toggle = new QCheckBox(tr("Edit as JSON"));
    toggle->setObjectName(QStringLiteral("asJson.") + k);
    toggle->setChecked(asJson);
    toggle->setEnabled(expressible);
    toggle->setToolTip(expressible ? tr("Edit the whole list as JSON text (for what the form cannot express)")
                                   : tr("The form cannot show this value: correct it as JSON"));
    connect(toggle, &QCheckBox::toggled, this, [this, k](bool on) {
        if (on)
            m_jsonFields.insert(k);
        else
            m_jsonFields.remove(k);
        scheduleRefresh();
    });
    if (asJson) {
        layout->addWidget(toggle, 0, Qt::AlignRight);
        auto *edit = new JsonEdit(value, std::move(checker));
        edit->textEdit()->setObjectName(QStringLiteral("json.") + k);
        connect(edit, &JsonEdit::committed, this, [this, name, k](const std::optional<Json> &v) {
            if (auto error = Edits::setField(*m_doc, name, k, v))
                emit editRefused(*error);
        });
        layout->addWidget(edit);
    } else {
        ListEditor *editor = makeForm();
        connect(editor, &ListEditor::editRefused, this, &Inspector::editRefused);
        editor->addFooterWidget(toggle); // beside "Add …": no row of its own
        layout->addWidget(editor);
    }
    return layout;
}

void Inspector::buildProjectPage(QVBoxLayout *page)
{
    const design::Project &project = m_doc->project();
    auto *hint = new QLabel(tr("Select a step to edit it. Drag Lambda steps across the VPC boundary to "
                               "place them inside or outside the VPC."));
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    page->addWidget(hint);

    QFormLayout *form = addSection(page, tr("Project"));
    auto *name = new CheckedLineEdit(QString::fromStdString(project.name), Check::text(false));
    name->lineEdit()->setObjectName(QStringLiteral("project.name"));
    connect(name, &CheckedLineEdit::committed, this, [this](const std::optional<Json> &v) {
        Edits::setProjectName(*m_doc, QString::fromStdString(v->get<std::string>()));
    });
    form->addRow(tr("Name"), name);
    form->addRow(tr("Workflow"), new QLabel(QString::fromLatin1(design::toString(project.workflowType))));
    form->addRow(tr("Steps"), new QLabel(QString::number(m_doc->index().states().size())));
    if (project.source)
        addSourceRows(form, *project.source, project.importNotes.size());

    QFormLayout *vpcForm = addSection(page, tr("VPC"));
    auto *vpcName = new CheckedLineEdit(QString::fromStdString(project.vpc.name), Check::text(false));
    vpcName->lineEdit()->setObjectName(QStringLiteral("vpc.name"));
    connect(vpcName, &CheckedLineEdit::committed, this, [this](const std::optional<Json> &v) {
        design::Vpc vpc = m_doc->project().vpc;
        vpc.name = v->get<std::string>();
        Edits::setVpc(*m_doc, vpc, false);
    });
    vpcForm->addRow(tr("Name"), vpcName);
    auto *azs = new QSpinBox;
    azs->setObjectName(QStringLiteral("vpc.availabilityZones"));
    azs->setRange(1, 6);
    azs->setValue(project.vpc.availabilityZones);
    azs->setKeyboardTracking(false);
    connect(azs, &QSpinBox::valueChanged, this, [this](int v) {
        design::Vpc vpc = m_doc->project().vpc;
        vpc.availabilityZones = v;
        Edits::setVpc(*m_doc, vpc, false);
    });
    vpcForm->addRow(tr("Availability zones"), azs);

    QFormLayout *usageForm = addSection(page, tr("Usage"));
    auto *executions = doubleSpin(0, 1e12, project.usage.executionsPerMonth, 0, tr(" / month"));
    executions->setObjectName(QStringLiteral("usage.executionsPerMonth"));
    executions->setGroupSeparatorShown(true);
    connect(executions, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        design::Usage usage = m_doc->project().usage;
        usage.executionsPerMonth = v;
        Edits::setUsage(*m_doc, usage, QStringLiteral("executions"));
    });
    usageForm->addRow(tr("Executions"), executions);
    auto *region =
        new CheckedLineEdit(QString::fromStdString(project.usage.region), [](const QString &t) -> Checked {
            static const QRegularExpression re(QStringLiteral("^[a-z]{2}(-[a-z]+)+-\\d$"));
            if (!re.match(t.trimmed()).hasMatch())
                return {std::nullopt, QObject::tr("an AWS region such as us-east-1")};
            return {Json(t.trimmed().toStdString()), {}};
        });
    region->lineEdit()->setObjectName(QStringLiteral("usage.region"));
    connect(region, &CheckedLineEdit::committed, this, [this](const std::optional<Json> &v) {
        design::Usage usage = m_doc->project().usage;
        usage.region = v->get<std::string>();
        Edits::setUsage(*m_doc, usage);
    });
    usageForm->addRow(tr("Region"), region);
}

void Inspector::buildStepPage(QVBoxLayout *page, const QString &name)
{
    const auto *entry = m_doc->index().find(name.toStdString());
    const Json &state = *asl::stateJson(m_doc->project().definition, *entry);
    const StepKind kind = stepKindOf(state);

    auto *header =
        new QLabel(QStringLiteral("<img src='%1' width='22' height='22' style='vertical-align:middle'>"
                                  "&nbsp;<b>%2</b>")
                       .arg(stepKindIcon(kind), stepKindLabel(kind).toHtmlEscaped()));
    page->addWidget(header);
    auto *kindHelp = new QLabel(stepKindHelp(kind));
    kindHelp->setObjectName(QStringLiteral("stepHelp"));
    kindHelp->setWordWrap(true);
    kindHelp->setForegroundRole(QPalette::PlaceholderText);
    page->addWidget(kindHelp);

    // Names of the states a transition of this one may target: its own scope.
    QStringList scopeStates;
    for (int s : m_doc->index().scopes()[static_cast<std::size_t>(entry->scope)].states)
        scopeStates << QString::fromStdString(m_doc->index().states()[static_cast<std::size_t>(s)].name);

    QFormLayout *form = addSection(page, tr("State"));
    auto *nameEdit = new CheckedLineEdit(name, [this, name](const QString &t) -> Checked {
        if (t == name)
            return {Json(t.toStdString()), {}};
        if (t.isEmpty())
            return {std::nullopt, tr("a state name cannot be empty")};
        if (t.size() > 80)
            return {std::nullopt, tr("a state name can have at most 80 characters")};
        if (m_doc->index().indexOf(t.toStdString()) >= 0)
            return {std::nullopt, tr("a state named \"%1\" already exists").arg(t)};
        return {Json(t.toStdString()), {}};
    });
    nameEdit->lineEdit()->setObjectName(QStringLiteral("field.Name"));
    connect(nameEdit, &CheckedLineEdit::committed, this,
            [this, name, nameEdit](const std::optional<Json> &v) {
                const QString to = QString::fromStdString(v->get<std::string>());
                // Renaming replaces the step (the page is rebuilt for no selection, then for the new name):
                // a user typing here (Enter on the canvas, then a name and Enter) keeps typing here.
                const bool typing = nameEdit->lineEdit()->hasFocus();
                if (auto error = Edits::renameStep(*m_doc, name, to)) {
                    nameEdit->setExternalError(*error);
                    return;
                }
                m_selection = {to};
                if (typing)
                    QTimer::singleShot(0, this, [this] {
                        if (auto *field = widget()
                                              ? widget()->findChild<QLineEdit *>(QStringLiteral("field.Name"))
                                              : nullptr)
                            field->setFocus(Qt::OtherFocusReason);
                    });
            });
    form->addRow(tr("Name"), nameEdit);

    auto addLine = [&](QFormLayout *f, const char *key, TextChecker checker, const QString &label = {}) {
        auto *edit = new CheckedLineEdit(scalarText(fieldOf(state, key)), std::move(checker));
        edit->lineEdit()->setObjectName(QStringLiteral("field.") + key);
        edit->lineEdit()->setPlaceholderText(tr("(not set)"));
        const QString k = QString::fromLatin1(key);
        connect(edit, &CheckedLineEdit::committed, this, [this, name, k, edit](const std::optional<Json> &v) {
            if (auto error = Edits::setField(*m_doc, name, k, v))
                edit->setExternalError(*error);
        });
        f->addRow(label.isEmpty() ? k : label, edit);
    };
    auto addJson = [&](QFormLayout *f, const char *key, TextChecker checker) {
        auto *edit = new JsonEdit(fieldOf(state, key), std::move(checker));
        edit->textEdit()->setObjectName(QStringLiteral("json.") + key);
        const QString k = QString::fromLatin1(key);
        connect(edit, &JsonEdit::committed, this, [this, name, k](const std::optional<Json> &v) {
            if (auto error = Edits::setField(*m_doc, name, k, v))
                emit editRefused(*error);
        });
        f->addRow(k, edit);
    };

    addLine(form, "Comment", Check::text());
    const bool isTask = state.value("Type", std::string()) == "Task";
    const bool jsonata = state.value("QueryLanguage", std::string()) == "JSONata" ||
                         m_doc->project().definition.value("QueryLanguage", std::string()) == "JSONata";
    switch (kind) {
    case StepKind::Lambda:
    case StepKind::Http:
    case StepKind::AwsService:
    case StepKind::OtherTask:
        addLine(form, "Resource", [](const QString &t) -> Checked {
            if (t.trimmed().isEmpty())
                return {std::nullopt, QObject::tr("a Task needs a Resource (an ARN)")};
            if (!t.startsWith(QLatin1String("arn:")) && !t.startsWith(QLatin1String("${")))
                return {std::nullopt, QObject::tr("a Resource is an ARN (arn:...) or a ${Placeholder}")};
            return {Json(t.trimmed().toStdString()), {}};
        });
        form->addRow(tr("IAM action"), iamActionLabel(state));
        addJson(form, jsonata ? "Arguments" : "Parameters", Check::json({"object", "string"}));
        addLine(form, "TimeoutSeconds", Check::nonNegativeInteger());
        addLine(form, "HeartbeatSeconds", Check::nonNegativeInteger());
        break;
    case StepKind::Pass:
        addJson(form, "Result", Check::json({}));
        addJson(form, jsonata ? "Output" : "Parameters", Check::json({"object", "string"}));
        break;
    case StepKind::Choice: {
        QVBoxLayout *rules =
            addListSection(page, tr("Rules"), name, "Choices", state, Check::choiceRules(scopeStates),
                           [this, name] { return new ChoiceEditor(m_doc, name); });
        auto *defaultForm = new QFormLayout;
        defaultForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        rules->addLayout(defaultForm);
        auto *def = new QComboBox;
        def->setObjectName(QStringLiteral("field.Default"));
        def->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        def->setMinimumContentsLength(10);
        def->addItem(tr("(none)"), QString());
        for (const QString &s : scopeStates)
            if (s != name)
                def->addItem(s, s);
        def->setCurrentIndex(std::max(0, def->findData(scalarText(fieldOf(state, "Default")))));
        connect(def, &QComboBox::activated, this, [this, name, def](int i) {
            const QString target = def->itemData(i).toString();
            Edits::setField(*m_doc, name, QStringLiteral("Default"),
                            target.isEmpty() ? std::nullopt
                                             : std::optional<Json>(Json(target.toStdString())));
        });
        def->setToolTip(tr("Where to go when no rule matches"));
        defaultForm->addRow(tr("Default"), def);
        break;
    }
    case StepKind::Wait:
        addLine(form, "Seconds", Check::nonNegativeInteger());
        addLine(form, "Timestamp", Check::text());
        addLine(form, "SecondsPath", Check::path(false));
        addLine(form, "TimestampPath", Check::path(false));
        break;
    case StepKind::Fail:
        addLine(form, "Error", Check::text());
        addLine(form, "Cause", Check::text());
        break;
    case StepKind::Succeed:
        break;
    case StepKind::Parallel:
        break;
    case StepKind::Map: {
        addLine(form, "ItemsPath", Check::path(false));
        addLine(form, "MaxConcurrency", Check::nonNegativeInteger());
        addLine(form, "ToleratedFailurePercentage", Check::nonNegativeInteger(), tr("Tolerated failure %"));
        addJson(form, "ItemReader", Check::json({"object"}));
        addJson(form, "ItemSelector", Check::json({"object"}));
        auto *mode = new QComboBox;
        mode->setObjectName(QStringLiteral("field.Mode"));
        mode->addItems({QStringLiteral("INLINE"), QStringLiteral("DISTRIBUTED")});
        const char *processorKey = state.contains("ItemProcessor") ? "ItemProcessor" : "Iterator";
        const Json processor = state.value(processorKey, Json::object());
        mode->setCurrentText(QString::fromStdString(
            processor.value("ProcessorConfig", Json::object()).value("Mode", std::string("INLINE"))));
        connect(mode, &QComboBox::textActivated, this, [this, name, processorKey](const QString &text) {
            const auto *e = m_doc->index().find(name.toStdString());
            Json p = asl::stateJson(m_doc->project().definition, *e)->value(processorKey, Json::object());
            p["ProcessorConfig"]["Mode"] = text.toStdString();
            if (text == QLatin1String("DISTRIBUTED") && !p["ProcessorConfig"].contains("ExecutionType"))
                p["ProcessorConfig"]["ExecutionType"] = "STANDARD";
            if (text == QLatin1String("INLINE"))
                p["ProcessorConfig"].erase("ExecutionType");
            Edits::setField(*m_doc, name, QString::fromLatin1(processorKey), p);
        });
        form->addRow(tr("Processor mode"), mode);
        break;
    }
    }

    if (kind != StepKind::Succeed && kind != StepKind::Fail && kind != StepKind::Choice && !jsonata) {
        QFormLayout *paths = addSection(page, tr("Input and output"));
        addLine(paths, "InputPath", Check::path(true));
        if (isTask || kind == StepKind::Parallel || kind == StepKind::Map || kind == StepKind::Pass)
            addLine(paths, "ResultPath", Check::path(true));
        if (isTask || kind == StepKind::Parallel || kind == StepKind::Map)
            addJson(paths, "ResultSelector", Check::json({"object"}));
        addLine(paths, "OutputPath", Check::path(true));
    }
    if (isTask || kind == StepKind::Parallel || kind == StepKind::Map) {
        addListSection(page, tr("Retry"), name, "Retry", state, Check::retriers(),
                       [this, name] { return new RetryEditor(m_doc, name); });
        addListSection(page, tr("Catch"), name, "Catch", state, Check::catchers(scopeStates),
                       [this, name] { return new CatchEditor(m_doc, name); });
    }
    buildDesignSection(page, name);
}

void Inspector::buildDesignSection(QVBoxLayout *page, const QString &name)
{
    const std::string key = name.toStdString();
    const design::StepDesign step = m_doc->project().step(key);
    const auto *entry = m_doc->index().find(key);
    const Json &state = *asl::stateJson(m_doc->project().definition, *entry);
    const StepKind kind = stepKindOf(state);
    QFormLayout *form = addSection(page, tr("Design"));

    auto commit = [this, name](const QString &mergeKey,
                               const std::function<void(design::StepDesign &)> &change) {
        design::StepDesign s = m_doc->project().step(name.toStdString());
        change(s);
        Edits::setStepDesign(*m_doc, name, s, mergeKey);
    };

    if (kind == StepKind::Lambda) {
        QString text = step.placement == design::Placement::InsideVpc
                           ? tr("<b>Inside the VPC</b> — drag it out of the VPC region to change")
                           : tr("<b>Outside the VPC</b> — drag it into the VPC region to change");
        // Nested: its own box decides, whichever side its Parallel or Map is drawn on.
        const QStringList containers = containersOf(*m_doc, name);
        if (!containers.isEmpty()) {
            text += tr("<br>In %1: its own box decides, not the container's.")
                        .arg(containers.front().toHtmlEscaped());
            for (const QString &c : containers) {
                const auto [in, out] = nestedLambdaPlacements(*m_doc, c);
                if (!in.isEmpty() && !out.isEmpty()) {
                    text += tr("<br>%1 straddles the VPC boundary.").arg(c.toHtmlEscaped());
                    break;
                }
            }
        }
        auto *placement = new QLabel(text);
        placement->setObjectName(QStringLiteral("design.placement"));
        placement->setWordWrap(true);
        form->addRow(tr("Placement"), placement);
        if (!step.function.empty()) {
            auto *function = new QLabel(QString::fromStdString(step.function));
            function->setObjectName(QStringLiteral("design.function"));
            function->setToolTip(tr("The template's function resource behind this step: its VpcConfig, "
                                    "memory and architecture were read from it, and export-cfn --into "
                                    "changes it there"));
            function->setTextInteractionFlags(Qt::TextSelectableByMouse);
            form->addRow(tr("Function"), function);
        }
    }
    if (isContainer(kind)) {
        const auto [in, out] = nestedLambdaPlacements(*m_doc, name);
        QString text;
        auto list = [](const QStringList &names) {
            QStringList shown = names.mid(0, 4);
            for (QString &n : shown)
                n = n.toHtmlEscaped();
            return shown.join(QStringLiteral(", ")) + (names.size() > 4 ? QStringLiteral(", …") : QString());
        };
        if (!in.isEmpty() && !out.isEmpty())
            text = tr("<b>Straddles the VPC boundary</b>: %1 inside the VPC (%2), %3 outside (%4). Each "
                      "Lambda step runs where its own box is.")
                       .arg(in.size())
                       .arg(list(in))
                       .arg(out.size())
                       .arg(list(out));
        else if (!in.isEmpty())
            text = tr("Its Lambda steps run inside the VPC (%1).").arg(list(in));
        else if (!out.isEmpty())
            text = tr("Its Lambda steps run outside the VPC (%1).").arg(list(out));
        if (!text.isEmpty()) {
            auto *placement = new QLabel(text);
            placement->setObjectName(QStringLiteral("design.placement"));
            placement->setWordWrap(true);
            form->addRow(tr("Placement"), placement);
        }
    }
    if (isContainer(kind) || kind == StepKind::Pass || kind == StepKind::Succeed || kind == StepKind::Fail ||
        kind == StepKind::Wait) {
        if (kind == StepKind::Map) {
            auto *items =
                doubleSpin(0, 1e9, step.mapItems.value_or(design::kDefaultMapItems), 0, tr(" items"));
            items->setObjectName(QStringLiteral("design.mapItems"));
            connect(items, &QDoubleSpinBox::valueChanged, this, [commit](double v) {
                commit("mapItems", [v](design::StepDesign &s) { s.mapItems = v; });
            });
            form->addRow(tr("Items per run"), items);
        }
        if (form->rowCount() == 0)
            form->addRow(new QLabel(tr("No design data for this kind of step.")));
        return;
    }
    if (kind == StepKind::Choice) {
        const std::size_t rules =
            state.contains("Choices") && state["Choices"].is_array() ? state["Choices"].size() : 0;
        QStringList parts;
        if (step.choiceWeights) {
            for (double w : step.choiceWeights->rules)
                parts << QString::number(w);
            if (step.choiceWeights->defaultWeight)
                parts << QString::number(*step.choiceWeights->defaultWeight);
        }
        auto *weights =
            new CheckedLineEdit(parts.join(QStringLiteral(", ")), [rules](const QString &t) -> Checked {
                if (t.trimmed().isEmpty())
                    return {};
                Json list = Json::array();
                for (const QString &p : t.split(',')) {
                    bool ok = false;
                    const double v = p.trimmed().toDouble(&ok);
                    if (!ok || v < 0 || v > 1)
                        return {std::nullopt, QObject::tr("each weight is a probability between 0 and 1")};
                    list.push_back(v);
                }
                if (list.size() != rules && list.size() != rules + 1)
                    return {std::nullopt,
                            QObject::tr("give %1 weights (one per rule), or %2 with the Default")
                                .arg(rules)
                                .arg(rules + 1)};
                double sum = 0;
                for (const auto &v : list)
                    sum += v.get<double>();
                if (sum > 1.0001)
                    return {std::nullopt, QObject::tr("the weights add up to %1; at most 1").arg(sum)};
                return {list, {}};
            });
        weights->lineEdit()->setObjectName(QStringLiteral("design.choiceWeights"));
        weights->lineEdit()->setPlaceholderText(tr("uniform"));
        connect(weights, &CheckedLineEdit::committed, this, [commit, rules](const std::optional<Json> &v) {
            commit({}, [&](design::StepDesign &s) {
                if (!v) {
                    s.choiceWeights.reset();
                    return;
                }
                design::ChoiceWeights w;
                for (std::size_t i = 0; i < v->size(); ++i)
                    if (i < rules)
                        w.rules.push_back((*v)[i].get<double>());
                    else
                        w.defaultWeight = (*v)[i].get<double>();
                s.choiceWeights = w;
            });
        });
        form->addRow(tr("Rule weights"), weights);
        return;
    }

    if (kind == StepKind::Lambda) {
        auto *egressCombo = egressComboFor(step.egress);
        egressCombo->setObjectName(QStringLiteral("design.egress"));
        connect(egressCombo, &QComboBox::activated, this, [commit, egressCombo](int i) {
            const auto v = static_cast<design::Egress>(egressCombo->itemData(i).toInt());
            commit({}, [v](design::StepDesign &s) { s.egress = v; });
        });
        form->addRow(tr("Egress"), egressCombo);

        auto *memory = new QSpinBox;
        memory->setObjectName(QStringLiteral("design.memoryMb"));
        memory->setRange(128, 10240);
        memory->setSingleStep(64);
        memory->setSuffix(tr(" MB"));
        memory->setValue(step.memoryMb);
        memory->setKeyboardTracking(false);
        connect(memory, &QSpinBox::valueChanged, this,
                [commit](int v) { commit("memory", [v](design::StepDesign &s) { s.memoryMb = v; }); });
        form->addRow(tr("Memory"), memory);

        auto *arch = enumCombo(std::array{design::Architecture::X86_64, design::Architecture::Arm64},
                               step.architecture);
        arch->setObjectName(QStringLiteral("design.architecture"));
        connect(arch, &QComboBox::activated, this, [commit, arch](int i) {
            const auto v = static_cast<design::Architecture>(arch->itemData(i).toInt());
            commit({}, [v](design::StepDesign &s) { s.architecture = v; });
        });
        form->addRow(tr("Architecture"), arch);
    }
    auto *duration = doubleSpin(0, 900000, step.durationMs, 0, tr(" ms"));
    duration->setObjectName(QStringLiteral("design.durationMs"));
    connect(duration, &QDoubleSpinBox::valueChanged, this,
            [commit](double v) { commit("duration", [v](design::StepDesign &s) { s.durationMs = v; }); });
    form->addRow(tr("Duration"), duration);
    auto *request = doubleSpin(0, 262144, step.requestKb, 1, tr(" KB"));
    request->setObjectName(QStringLiteral("design.requestKb"));
    connect(request, &QDoubleSpinBox::valueChanged, this,
            [commit](double v) { commit("request", [v](design::StepDesign &s) { s.requestKb = v; }); });
    form->addRow(tr("Request payload"), request);
    auto *response = doubleSpin(0, 262144, step.responseKb, 1, tr(" KB"));
    response->setObjectName(QStringLiteral("design.responseKb"));
    connect(response, &QDoubleSpinBox::valueChanged, this,
            [commit](double v) { commit("response", [v](design::StepDesign &s) { s.responseKb = v; }); });
    form->addRow(tr("Response payload"), response);
    auto *failure = doubleSpin(0, 100, step.failureRate * 100, 2, tr(" %"));
    failure->setObjectName(QStringLiteral("design.failureRate"));
    connect(failure, &QDoubleSpinBox::valueChanged, this, [commit](double v) {
        commit("failure", [v](design::StepDesign &s) { s.failureRate = v / 100; });
    });
    form->addRow(tr("Failure rate"), failure);
}

} // namespace egress::studio
