// The Qt-free edit operations (asl/edit.h, design/projectedit.h) the designer's commands are built on:
// references follow renames, removals repair or report, pastes get unique names and keep inner edges.
#include "asl/edit.h"
#include "asl/reader.h"
#include "design/projectedit.h"
#include "design/projectio.h"

#include <QStringList>
#include <QTest>

/** QCOMPARE for JSON values (QCOMPARE's overloads clash with nlohmann's implicit conversions). */
#define JSON_COMPARE(actual, expected)                                                                       \
    QVERIFY2((actual) == (expected),                                                                         \
             qPrintable(QString::fromStdString(egress::asl::Json(actual).dump() +                            \
                                               " != " + egress::asl::Json(expected).dump())))

using egress::asl::Json;
namespace asl = egress::asl;
namespace design = egress::design;

namespace {

Json parse(const char *text)
{
    auto r = asl::parseJson(text, "test");
    return r ? *r.value : Json();
}

// A, a Choice, a Catch, and a Parallel whose branch has its own B (names are machine-wide unique).
const char *const kMachine = R"({
  "StartAt": "A",
  "States": {
    "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Pick",
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Oops"}]},
    "Pick": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": 1, "Next": "Par"}], "Default": "Done"},
    "Par": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "C"},
                                                                          "C": {"Type": "Pass", "End": true}}}],
            "Next": "Done"},
    "Oops": {"Type": "Fail"},
    "Done": {"Type": "Succeed"}
  }
})";

} // namespace

class TestEdit : public QObject
{
    Q_OBJECT

private slots:
    void renameUpdatesEveryReference_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QStringList>("pointers"); // fields that must now hold the new name
        QTest::newRow("start and catch") << "A"
                                         << "Begin" << QStringList{"/StartAt"};
        QTest::newRow("next") << "Pick"
                              << "Decide" << QStringList{"/States/A/Next"};
        QTest::newRow("rule") << "Par"
                              << "Fan out" << QStringList{"/States/Pick/Choices/0/Next"};
        QTest::newRow("default and next") << "Done"
                                          << "End" << QStringList{"/States/Pick/Default", "/States/Par/Next"};
        QTest::newRow("catcher") << "Oops"
                                 << "Failed" << QStringList{"/States/A/Catch/0/Next"};
        QTest::newRow("nested") << "C"
                                << "Last" << QStringList{"/States/Par/Branches/0/States/B/Next"};
    }
    void renameUpdatesEveryReference()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QStringList, pointers);
        Json def = parse(kMachine);
        QVERIFY(!asl::renameState(def, from.toStdString(), to.toStdString()));
        for (const QString &p : pointers) {
            const Json *v = asl::resolvePointer(def, p.toStdString());
            QVERIFY2(v && *v == to.toStdString(), qPrintable(p));
        }
        const auto index = asl::WorkflowIndex::build(def);
        QVERIFY(index.find(to.toStdString()));
        QVERIFY(!index.find(from.toStdString()));
        for (const auto &e : index.edges())
            QVERIFY2(e.to >= 0, e.target.c_str()); // nothing dangles
    }

    void renameRefusesBadNames_data()
    {
        QTest::addColumn<QString>("to");
        QTest::newRow("empty") << "";
        QTest::newRow("taken") << "Done";
        QTest::newRow("taken nested") << "B";
        QTest::newRow("too long") << QString(81, 'x');
    }
    void renameRefusesBadNames()
    {
        QFETCH(QString, to);
        Json def = parse(kMachine);
        const Json before = def;
        QVERIFY(asl::renameState(def, "A", to.toStdString()).has_value());
        JSON_COMPARE(def, before);
    }

    void renameKeepsKeyOrder()
    {
        Json def = parse(kMachine);
        QVERIFY(!asl::renameState(def, "Pick", "Decide"));
        QStringList keys;
        for (auto &[k, v] : def["States"].items())
            keys << QString::fromStdString(k);
        QCOMPARE(keys, (QStringList{"A", "Decide", "Par", "Oops", "Done"}));
    }

    void removeRepairsReferences()
    {
        Json def = parse(kMachine);
        const auto messages = asl::removeStates(def, {"Pick"});
        // A's Next followed Pick's... Pick has no Next, so A becomes End and that is reported.
        JSON_COMPARE(def["States"]["A"].value("End", false), true);
        QVERIFY(!def["States"]["A"].contains("Next"));
        QVERIFY(!messages.empty());
        Json def2 = parse(kMachine);
        asl::removeStates(def2, {"A"});
        JSON_COMPARE(def2["StartAt"], Json("Pick")); // StartAt follows A's Next
        Json def3 = parse(kMachine);
        asl::removeStates(def3, {"Oops"});
        QVERIFY(!def3["States"]["A"].contains("Catch")); // the only catcher went with its target
        Json def4 = parse(kMachine);
        asl::removeStates(def4, {"Par"});
        JSON_COMPARE(def4["States"]["Pick"]["Choices"].size(), std::size_t(1));
        JSON_COMPARE(def4["States"]["Pick"]["Choices"][0]["Next"], Json("Done")); // rule follows Par's Next
        QVERIFY(!asl::WorkflowIndex::build(def4).find("B"));                      // nested states went too
    }

    void connectAndRetarget()
    {
        Json def = parse(kMachine);
        QVERIFY(asl::connectStates(def, "Oops", "Done").has_value()); // Fail has no Next
        QVERIFY(asl::connectStates(def, "A", "B").has_value());       // across a branch
        QVERIFY(!asl::connectStates(def, "A", "Done"));
        JSON_COMPARE(def["States"]["A"]["Next"], Json("Done"));
        QVERIFY(!asl::connectStates(def, "Pick", "A")); // Choice with a Default: adds a rule
        JSON_COMPARE(def["States"]["Pick"]["Choices"].size(), std::size_t(2));
        QVERIFY(!asl::retargetTransition(def, "/States/Pick/Default", "Oops"));
        JSON_COMPARE(def["States"]["Pick"]["Default"], Json("Oops"));
        QVERIFY(asl::retargetTransition(def, "/States/Pick/Default", "C").has_value());
    }

    void removeTransitionByKind()
    {
        Json def = parse(kMachine);
        const auto index = asl::WorkflowIndex::build(def);
        for (const auto &e : index.edges())
            if (e.kind == asl::EdgeKind::Catch)
                QVERIFY(!asl::removeTransition(def, e));
        QVERIFY(!def["States"]["A"].contains("Catch"));
        Json def2 = parse(kMachine);
        const auto index2 = asl::WorkflowIndex::build(def2);
        for (const auto &e : index2.edges())
            if (e.kind == asl::EdgeKind::Next && e.pointer == "/States/A/Next")
                QVERIFY(!asl::removeTransition(def2, e));
        JSON_COMPARE(def2["States"]["A"]["End"], Json(true));
    }

    void pasteMakesNamesUniqueAndKeepsInnerEdges()
    {
        Json def = parse(kMachine);
        const Json copied = asl::copyStates(def, {"A", "Pick", "Par", "B"});
        QCOMPARE(copied.size(), std::size_t(3)); // B comes with Par
        const auto pasted = asl::pasteStates(def, "", copied);
        QVERIFY(!pasted.error);
        QCOMPARE(pasted.renamed.at("A"), std::string("A 2"));
        QCOMPARE(pasted.renamed.at("B"), std::string("B 2"));
        JSON_COMPARE(def["States"]["A 2"]["Next"], Json("Pick 2"));
        QVERIFY(!def["States"]["A 2"].contains("Catch")); // Oops was not pasted
        JSON_COMPARE(def["States"]["Par 2"]["Branches"][0]["StartAt"], Json("B 2"));
        QVERIFY(asl::WorkflowIndex::build(def).duplicateNames().empty());
    }

    void addStateIntoBranch()
    {
        Json def = parse(kMachine);
        QVERIFY(!asl::addState(def, "/States/Par/Branches/0", "D", parse(R"({"Type":"Pass","End":true})")));
        const auto index = asl::WorkflowIndex::build(def);
        QCOMPARE(index.scopes()[static_cast<std::size_t>(index.find("D")->scope)].pointer,
                 std::string("/States/Par/Branches/0"));
        QVERIFY(asl::addState(def, "/States/Nope", "E", Json::object()).has_value());
        QVERIFY(asl::addState(def, "", "A", Json::object()).has_value());
    }

    void projectEditsFollowDesignData()
    {
        design::Project p = design::projectFromDefinition(parse(kMachine), "t");
        p.steps["A"].memoryMb = 512;
        QVERIFY(!design::renameStep(p, "A", "Begin"));
        QCOMPARE(p.step("Begin").memoryMb, 512);
        QVERIFY(!p.steps.count("A"));
        QVERIFY(design::isVpcCapable(p, "Begin"));
        QVERIFY(!design::isVpcCapable(p, "Pick"));
        const design::Project clip = design::extractSteps(p, {"Begin", "Par"});
        // The clipboard form is itself a valid project file.
        QVERIFY(design::parseProject(design::serializeProject(clip), "clip"));
        const auto outcome = design::pasteSteps(p, "", clip, 30, 30);
        QVERIFY(!outcome.error);
        QCOMPARE(p.step("Begin 2").memoryMb, 512);
        design::removeSteps(p, {"Par"});
        QVERIFY(!p.steps.count("B"));
        QVERIFY(!p.steps.count("Par"));
    }
};

QTEST_GUILESS_MAIN(TestEdit)
#include "tst_edit.moc"
