// Checks a CloudFormation template (JSON form) against the AWS CloudFormation resource specification
// shipped in npm @aws-cdk/aws-service-spec: resource types, properties and their value shapes,
// required properties, Fn::GetAtt attributes, and every Ref/GetAtt/Sub/DependsOn/If target.
'use strict';

const { loadAwsServiceSpecSync } = require('@aws-cdk/aws-service-spec');

const PSEUDO = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition',
  'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
const TOP_LEVEL = new Set(['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules',
  'Mappings', 'Conditions', 'Transform', 'Resources', 'Outputs']);
const RESOURCE_KEYS = new Set(['Type', 'Properties', 'DependsOn', 'Metadata', 'Condition', 'DeletionPolicy',
  'UpdateReplacePolicy', 'CreationPolicy', 'UpdatePolicy']);
const PARAMETER_KEYS = new Set(['Type', 'Default', 'Description', 'AllowedValues', 'AllowedPattern', 'MinLength',
  'MaxLength', 'MinValue', 'MaxValue', 'NoEcho', 'ConstraintDescription']);
const PARAMETER_TYPES = /^(String|Number|List<Number>|CommaDelimitedList|AWS::EC2::[A-Za-z]+::[A-Za-z]+|List<AWS::EC2::[A-Za-z]+::[A-Za-z]+>|AWS::SSM::Parameter::[A-Za-z<>:]+)$/;
const INTRINSICS = new Set(['Ref', 'Fn::GetAtt', 'Fn::Sub', 'Fn::Join', 'Fn::Select', 'Fn::Split', 'Fn::If',
  'Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not', 'Fn::GetAZs', 'Fn::Cidr', 'Fn::Base64', 'Fn::FindInMap',
  'Fn::ImportValue', 'Fn::Length', 'Fn::ToJsonString', 'Condition']);
const LOGICAL_ID = /^[A-Za-z0-9]{1,255}$/;

let cachedDb;
function database() {
  if (!cachedDb) cachedDb = loadAwsServiceSpecSync();
  return cachedDb;
}

function isIntrinsic(v) {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** The ${...} variables of a Fn::Sub string (without ${!Literal}). */
function subVariables(text) {
  const out = [];
  const re = /\$\{([^}]*)\}/g;
  let m;
  while ((m = re.exec(text)) !== null) if (!m[1].startsWith('!')) out.push(m[1].trim());
  return out;
}

class Checker {
  constructor(template, name) {
    this.t = template;
    this.name = name;
    this.errors = [];
    this.db = database();
    this.params = template.Parameters || {};
    this.resources = template.Resources || {};
    this.conditions = template.Conditions || {};
  }

  error(where, message) { this.errors.push(`${this.name}: ${where}: ${message}`); }

  resourceType(logicalId) {
    const r = this.resources[logicalId];
    if (!r) return undefined;
    return this.db.lookup('resource', 'cloudFormationType', 'equals', r.Type)[0];
  }

  checkRefTarget(where, target) {
    if (typeof target !== 'string') return this.error(where, `Ref needs a name, got ${JSON.stringify(target)}`);
    if (PSEUDO.has(target) || target in this.params || target in this.resources) return;
    this.error(where, `Ref to "${target}", which is no parameter, resource or pseudo parameter`);
  }

  checkGetAtt(where, resource, attribute) {
    if (typeof resource !== 'string' || typeof attribute !== 'string')
      return this.error(where, 'Fn::GetAtt needs [resource, attribute]');
    if (!(resource in this.resources)) return this.error(where, `Fn::GetAtt of "${resource}", which is no resource`);
    let spec = this.resourceType(resource);
    // The SAM specification lists no attributes: a SAM resource has those of the resource it becomes.
    const samBase = { 'AWS::Serverless::Function': 'AWS::Lambda::Function', 'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
      'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi', 'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
      'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table', 'AWS::Serverless::LayerVersion': 'AWS::Lambda::LayerVersion' }[this.resources[resource].Type];
    if (spec && samBase && Object.keys(spec.attributes).length === 0)
      spec = this.db.lookup('resource', 'cloudFormationType', 'equals', samBase)[0];
    if (spec && !(attribute in spec.attributes))
      this.error(where, `${this.resources[resource].Type} has no attribute "${attribute}" (has ${Object.keys(spec.attributes).join(', ')})`);
  }

  /** Walks any value, checking the targets of every intrinsic in it. */
  checkIntrinsics(value, where, subVars = new Set()) {
    if (Array.isArray(value)) { value.forEach((v, i) => this.checkIntrinsics(v, `${where}/${i}`, subVars)); return; }
    if (!value || typeof value !== 'object') return;
    if (isIntrinsic(value)) {
      const [fn] = Object.keys(value);
      const arg = value[fn];
      if (!INTRINSICS.has(fn)) this.error(where, `unknown intrinsic function ${fn}`);
      if (fn === 'Ref') return this.checkRefTarget(where, arg);
      if (fn === 'Fn::GetAtt') {
        const [r, a] = typeof arg === 'string' ? [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)] : arg || [];
        return this.checkGetAtt(where, r, a);
      }
      if (fn === 'Fn::Sub') {
        const [text, vars] = typeof arg === 'string' ? [arg, {}] : Array.isArray(arg) && arg.length === 2 ? arg : [null, null];
        if (typeof text !== 'string' || !vars || typeof vars !== 'object') return this.error(where, 'Fn::Sub needs a string or [string, map]');
        for (const [k, v] of Object.entries(vars)) this.checkIntrinsics(v, `${where}/Fn::Sub/${k}`);
        for (const name of subVariables(text)) {
          if (name in vars || PSEUDO.has(name) || name in this.params || name in this.resources) continue;
          const dot = name.indexOf('.');
          if (dot > 0) { this.checkGetAtt(`${where} (Fn::Sub \${${name}})`, name.slice(0, dot), name.slice(dot + 1)); continue; }
          this.error(where, `Fn::Sub variable \${${name}} names nothing`);
        }
        return;
      }
      if (fn === 'Fn::If') {
        if (!Array.isArray(arg) || arg.length !== 3) return this.error(where, 'Fn::If needs [condition, then, else]');
        if (!(arg[0] in this.conditions)) this.error(where, `Fn::If on "${arg[0]}", which is no condition`);
        this.checkIntrinsics(arg[1], `${where}/Fn::If/1`);
        this.checkIntrinsics(arg[2], `${where}/Fn::If/2`);
        return;
      }
      if (fn === 'Fn::Select') {
        if (!Array.isArray(arg) || arg.length !== 2) return this.error(where, 'Fn::Select needs [index, list]');
        if (!Number.isInteger(Number(arg[0]))) this.error(where, 'Fn::Select index is not an integer');
      }
      if (fn === 'Fn::Cidr' && (!Array.isArray(arg) || arg.length !== 3)) return this.error(where, 'Fn::Cidr needs [block, count, bits]');
      if (fn === 'Fn::Split' && (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string'))
        return this.error(where, 'Fn::Split needs [delimiter, value]');
      if (fn === 'Fn::Equals' && (!Array.isArray(arg) || arg.length !== 2)) return this.error(where, 'Fn::Equals needs two values');
      this.checkIntrinsics(arg, `${where}/${fn}`);
      return;
    }
    for (const [k, v] of Object.entries(value)) this.checkIntrinsics(v, `${where}/${k}`);
  }

  /** Does a literal value have the shape of a spec type? Intrinsics are accepted (they are checked apart). */
  shapeErrors(value, type, where, out) {
    if (isIntrinsic(value)) {
      const [fn] = Object.keys(value);
      if (fn === 'Fn::If' && Array.isArray(value[fn]) && value[fn].length === 3) {
        for (const branch of [value[fn][1], value[fn][2]])
          if (!(isIntrinsic(branch) && branch.Ref === 'AWS::NoValue')) this.shapeErrors(branch, type, where, out);
      }
      return;
    }
    switch (type.type) {
      case 'string':
        if (typeof value !== 'string') return out.push(`${where}: expected a string, got ${JSON.stringify(value)}`);
        if (type.allowedValues && !type.allowedValues.includes(value)) out.push(`${where}: "${value}" is not one of ${type.allowedValues.join(', ')}`);
        return;
      case 'number': if (typeof value !== 'number') out.push(`${where}: expected a number, got ${JSON.stringify(value)}`); return;
      case 'integer': if (!Number.isInteger(value)) out.push(`${where}: expected an integer, got ${JSON.stringify(value)}`); return;
      case 'boolean': if (typeof value !== 'boolean') out.push(`${where}: expected a boolean, got ${JSON.stringify(value)}`); return;
      case 'date-time': if (typeof value !== 'string') out.push(`${where}: expected a date-time string`); return;
      case 'json': if (value === null || (typeof value !== 'object' && typeof value !== 'string')) out.push(`${where}: expected JSON (object or string)`); return;
      case 'null': return;
      case 'tag':
        if (!value || typeof value !== 'object' || !('Key' in value) || !('Value' in value)) out.push(`${where}: expected a tag {Key, Value}`);
        return;
      case 'array':
        if (!Array.isArray(value)) return out.push(`${where}: expected a list, got ${JSON.stringify(value).slice(0, 80)}`);
        value.forEach((v, i) => this.shapeErrors(v, type.element, `${where}/${i}`, out));
        return;
      case 'map':
        if (!value || typeof value !== 'object' || Array.isArray(value)) return out.push(`${where}: expected a map`);
        for (const [k, v] of Object.entries(value)) this.shapeErrors(v, type.element, `${where}/${k}`, out);
        return;
      case 'union': {
        const attempts = type.types.map(t => { const o = []; this.shapeErrors(value, t, where, o); return o; });
        if (!attempts.some(a => a.length === 0)) out.push(...attempts.sort((a, b) => a.length - b.length)[0]);
        return;
      }
      case 'ref': {
        const def = this.db.get('typeDefinition', type.reference.$ref);
        this.checkProperties(value, def.properties, `${where}`, `type ${def.name}`, out);
        return;
      }
      default:
        return;
    }
  }

  checkProperties(value, properties, where, what, out) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return out.push(`${where}: expected an object (${what})`);
    for (const [key, v] of Object.entries(value)) {
      const prop = properties[key];
      if (!prop) { out.push(`${where}/${key}: ${what} has no property "${key}"`); continue; }
      const types = [prop.type, ...(prop.previousTypes || [])];
      const attempts = types.map(t => { const o = []; this.shapeErrors(v, t, `${where}/${key}`, o); return o; });
      if (!attempts.some(a => a.length === 0)) out.push(...attempts[0]);
    }
    for (const [key, prop] of Object.entries(properties))
      if (prop.required && !(key in value)) out.push(`${where}: ${what} requires "${key}"`);
  }

  checkParameters() {
    for (const [name, p] of Object.entries(this.params)) {
      const where = `/Parameters/${name}`;
      if (!LOGICAL_ID.test(name)) this.error(where, 'not an alphanumeric name');
      for (const k of Object.keys(p)) if (!PARAMETER_KEYS.has(k)) this.error(where, `unknown parameter attribute ${k}`);
      if (!PARAMETER_TYPES.test(p.Type || '')) this.error(where, `unknown parameter type ${p.Type}`);
      if ('Default' in p) {
        if (p.AllowedValues && !p.AllowedValues.map(String).includes(String(p.Default))) this.error(where, 'Default is not an allowed value');
        if (p.AllowedPattern && !new RegExp(p.AllowedPattern).test(String(p.Default))) this.error(where, 'Default does not match AllowedPattern');
        if (p.Type === 'Number' && Number.isNaN(Number(p.Default))) this.error(where, 'Default is not a number');
      }
    }
  }

  checkResources() {
    if (!this.t.Resources || Object.keys(this.t.Resources).length === 0) this.error('/Resources', 'a template needs at least one resource');
    for (const [id, r] of Object.entries(this.resources)) {
      const where = `/Resources/${id}`;
      if (!LOGICAL_ID.test(id)) this.error(where, 'not an alphanumeric logical id');
      if (id in this.params) this.error(where, 'a parameter has the same name');
      for (const k of Object.keys(r)) if (!RESOURCE_KEYS.has(k)) this.error(where, `unknown resource attribute ${k}`);
      const spec = this.db.lookup('resource', 'cloudFormationType', 'equals', r.Type)[0];
      if (!spec) { this.error(where, `unknown resource type ${r.Type}`); continue; }
      const out = [];
      this.checkProperties(r.Properties || {}, spec.properties, `${where}/Properties`, r.Type, out);
      for (const e of out) this.errors.push(`${this.name}: ${e}`);
      this.checkIntrinsics(r.Properties || {}, `${where}/Properties`);
      const deps = r.DependsOn === undefined ? [] : Array.isArray(r.DependsOn) ? r.DependsOn : [r.DependsOn];
      for (const d of deps) if (!(d in this.resources)) this.error(`${where}/DependsOn`, `"${d}" is no resource`);
      if (r.Condition !== undefined && !(r.Condition in this.conditions)) this.error(where, `condition ${r.Condition} does not exist`);
      if (/^AWS::(StepFunctions|Serverless)::StateMachine$/.test(r.Type)) this.checkSubstitutions(r.Properties || {}, where);
    }
  }

  /** Every ${Name} of an inline definition has a DefinitionSubstitutions entry, and no entry is unused. */
  checkSubstitutions(props, where) {
    const used = new Set();
    const walk = v => {
      if (typeof v === 'string') subVariables(v).forEach(n => used.add(n));
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(props.Definition);
    const subs = props.DefinitionSubstitutions || {};
    for (const n of used) if (!(n in subs)) this.error(`${where}/Properties/Definition`, `\${${n}} has no DefinitionSubstitutions entry`);
    for (const n of Object.keys(subs)) if (!used.has(n)) this.error(`${where}/Properties/DefinitionSubstitutions/${n}`, 'not used by the definition');
  }

  checkOutputs() {
    for (const [name, o] of Object.entries(this.t.Outputs || {})) {
      const where = `/Outputs/${name}`;
      if (!LOGICAL_ID.test(name)) this.error(where, 'not an alphanumeric name');
      if (!('Value' in o)) this.error(where, 'an output needs a Value');
      this.checkIntrinsics(o, where);
    }
  }

  checkConditions() {
    for (const [name, c] of Object.entries(this.conditions)) this.checkIntrinsics(c, `/Conditions/${name}`);
  }

  run() {
    // SAM's Globals section exists only with its transform.
    const sam = [].concat(this.t.Transform || []).includes('AWS::Serverless-2016-10-31');
    for (const k of Object.keys(this.t)) if (!TOP_LEVEL.has(k) && !(sam && k === 'Globals')) this.error('/', `unknown section ${k}`);
    if (this.t.AWSTemplateFormatVersion !== undefined && this.t.AWSTemplateFormatVersion !== '2010-09-09')
      this.error('/AWSTemplateFormatVersion', 'must be "2010-09-09"');
    if (typeof this.t.Description === 'string' && Buffer.byteLength(this.t.Description) > 1024) this.error('/Description', 'longer than 1024 bytes');
    if (Object.keys(this.params).length > 200) this.error('/Parameters', 'more than 200 parameters');
    if (Object.keys(this.resources).length > 500) this.error('/Resources', 'more than 500 resources');
    if (Object.keys(this.t.Outputs || {}).length > 200) this.error('/Outputs', 'more than 200 outputs');
    this.checkParameters();
    this.checkConditions();
    this.checkResources();
    this.checkOutputs();
    return this.errors;
  }
}

/** The problems of one template, each "NAME: POINTER: message"; empty when it conforms. */
function checkTemplate(template, name) {
  return new Checker(template, name).run();
}

module.exports = { checkTemplate, database, isIntrinsic };
