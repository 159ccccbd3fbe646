#include "qjsjsonata.h"

#include "jsbridge.h"
#include "sim/hashes.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJSEngine>
#include <QJSValue>
#include <QLoggingCategory>

namespace egress::jsonata {

QString JsBridge::hash(const QString &data, const QString &algorithm) const
{
    const auto digest = sim::hexDigest(algorithm.toStdString(), data.toStdString());
    return digest ? QString::fromStdString(*digest) : QString();
}

QString JsBridge::uuid()
{
    return QString::fromStdString(m_random.uuid());
}

namespace {

using sim::Json;

/**
 * The JavaScript glue: compiles and caches expressions, adds Step Functions' functions to the bindings, and
 * starts an evaluation whose settled promise fills a box (value as JSON text, or an error message).
 */
const char *kGlue = R"JS(
(function (jsonata, bridge) {
  var cache = {};
  function fail(message) { throw { code: "States.QueryEvaluationError", message: message }; }
  var functions = {
    partition: function (array, size) {
      if (!Array.isArray(array)) fail("$partition: the first argument must be an array");
      if (!(size > 0)) fail("$partition: the chunk size must be positive");
      var out = [];
      for (var i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
      return out;
    },
    range: function (start, end, step) {
      if (step === undefined) step = 1;
      if (step === 0) fail("$range: the step must not be 0");
      var out = [];
      for (var v = start; step > 0 ? v <= end : v >= end; v += step) {
        if (out.length >= 1000) fail("$range: more than 1,000 items");
        out.push(v);
      }
      return out;
    },
    hash: function (data, algorithm) {
      var text = typeof data === "string" ? data : JSON.stringify(data);
      var digest = bridge.hash(text, algorithm === undefined ? "SHA-256" : algorithm);
      if (!digest) fail("$hash: the algorithm must be MD5, SHA-1, SHA-256, SHA-384 or SHA-512");
      return digest;
    },
    random: function (seed) {
      if (seed === undefined) return bridge.random();
      var t = (seed >>> 0) + 0x6D2B79F5; // mulberry32: the same seed gives the same number
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    uuid: function () { return bridge.uuid(); },
    parse: function (text) {
      try { return JSON.parse(text); } catch (e) { fail("$parse: not JSON: " + text); }
    }
  };
  function describe(e) {
    if (e === undefined || e === null) return "evaluation failed";
    var message = e.message || String(e);
    if (e.position !== undefined) message += " (at position " + e.position + (e.token !== undefined ? ", near '" + e.token + "'" : "") + ")";
    return message;
  }
  return function (expression, bindingsText) {
    var box = { done: false };
    try {
      var compiled = cache[expression];
      if (!compiled) { compiled = jsonata(expression); cache[expression] = compiled; }
      var bindings = JSON.parse(bindingsText);
      for (var name in functions) bindings[name] = functions[name];
      var input = bindings.states ? bindings.states.input : undefined;
      compiled.evaluate(input, bindings).then(function (value) {
        box.done = true;
        box.value = value === undefined ? undefined : JSON.stringify(value);
      }, function (error) {
        box.done = true;
        box.error = describe(error);
      });
    } catch (e) {
      box.done = true;
      box.error = describe(e);
    }
    return box;
  };
})
)JS";

class QjsJsonata : public sim::JsonataEvaluator
{
public:
    explicit QjsJsonata(std::uint64_t seed) : m_bridge(new JsBridge(seed))
    {
        QFile file(QStringLiteral(":/jsonata/jsonata-es5.js"));
        if (!file.open(QIODevice::ReadOnly)) {
            m_loadError = "the jsonata library is not in this build";
            return;
        }
        // The UMD bundle assigns module.exports when it sees CommonJS: give it a module and take the
        // function.
        const QString code =
            QStringLiteral("(function(){var module={exports:{}};var exports=module.exports;\n") +
            QString::fromUtf8(file.readAll()) + QStringLiteral("\nreturn module.exports;})()");
        // The QML compiler lints the bundle ("used before its declaration"): noise for our users, not errors.
        QLoggingCategory::setFilterRules(QStringLiteral("qt.qml.compiler.warning=false"));
        const QJSValue library = m_engine.evaluate(code, QStringLiteral("jsonata-es5.js"));
        if (library.isError() || !library.isCallable()) {
            m_loadError = "the jsonata library did not load: " + library.toString().toStdString();
            return;
        }
        const QJSValue glue = m_engine.evaluate(QString::fromUtf8(kGlue), QStringLiteral("glue.js"));
        m_run = glue.call({library, m_engine.newQObject(m_bridge)});
        if (!m_run.isCallable())
            m_loadError = "the JSONata glue did not load: " + m_run.toString().toStdString();
    }

    Result evaluate(const std::string &expression, const Json &bindings) override
    {
        Result result;
        if (!m_loadError.empty()) {
            result.error = m_loadError;
            return result;
        }
        QJSValue box =
            m_run.call({QString::fromStdString(expression), QString::fromStdString(bindings.dump())});
        if (box.isError()) {
            result.error = box.toString().toStdString();
            return result;
        }
        // jsonata 2.x evaluates asynchronously: the promise settles as the event loop runs its jobs.
        QElapsedTimer timer;
        timer.start();
        while (!box.property(QStringLiteral("done")).toBool()) {
            QCoreApplication::sendPostedEvents();
            QCoreApplication::processEvents(QEventLoop::AllEvents);
            if (timer.elapsed() > 10000) {
                result.error = "the expression did not finish within 10 s";
                return result;
            }
        }
        const QJSValue error = box.property(QStringLiteral("error"));
        if (!error.isUndefined()) {
            result.error = error.toString().toStdString();
            return result;
        }
        result.ok = true;
        const QJSValue value = box.property(QStringLiteral("value"));
        if (!value.isUndefined())
            result.value = Json::parse(value.toString().toStdString(), nullptr, false);
        return result;
    }

private:
    QJSEngine m_engine;
    JsBridge *m_bridge; // owned by the engine (JavaScriptOwnership of newQObject)
    QJSValue m_run;
    std::string m_loadError;
};

} // namespace

std::unique_ptr<sim::JsonataEvaluator> makeEvaluator(std::uint64_t seed)
{
    if (!QCoreApplication::instance()) {
        // egress-cli has no Qt application; the promise jobs need one to be dispatched.
        static int argc = 1;
        static char name[] = "egress-cli";
        static char *argv[] = {name, nullptr};
        static QCoreApplication app(argc, argv);
    }
    return std::make_unique<QjsJsonata>(seed);
}

} // namespace egress::jsonata
