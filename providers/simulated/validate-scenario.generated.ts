// @ts-nocheck
// GENERATED: do not edit. ajv's standalone validation code (ajv/dist/standalone) for
// providers/simulated/scenario.schema.json, so that no ajv compiler is loaded nor schema compiled at run time.
// Written by test/config/validator.test.ts;
// regenerate with: UPDATE_DOCS=1 npx tap test/config/validator.test.ts
import runtime0 from 'ajv/dist/runtime/ucs2length.js';
import runtime1 from 'ajv/dist/runtime/equal.js';
export const validate = validate20;
export default validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://thincim.dev/schemas/simulated-scenario.json","title":"thincim simulated host scenario","description":"A deterministic host for the simulated provider: its hardware, the base value of each sensor, and a timeline of events keyed by elapsed seconds.","type":"object","additionalProperties":false,"properties":{"$schema":{"type":"string"},"name":{"type":"string","description":"What the scenario shows."},"system":{"type":"object","additionalProperties":false,"properties":{"hostname":{"$ref":"#/$defs/text"},"manufacturer":{"$ref":"#/$defs/text"},"model":{"$ref":"#/$defs/text"},"serialNumber":{"$ref":"#/$defs/text"},"uuid":{"$ref":"#/$defs/text"}}},"chassis":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["id"],"properties":{"id":{"$ref":"#/$defs/id"},"tag":{"$ref":"#/$defs/text"},"type":{"$ref":"#/$defs/text","description":"SMBIOS chassis type text, e.g. \"Rack Mount Chassis\"."},"manufacturer":{"$ref":"#/$defs/text"},"model":{"$ref":"#/$defs/text"},"serialNumber":{"$ref":"#/$defs/text"},"partNumber":{"$ref":"#/$defs/text"},"version":{"$ref":"#/$defs/text"}}}},"boards":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["id","label"],"properties":{"id":{"$ref":"#/$defs/id"},"label":{"$ref":"#/$defs/text"},"hostingBoard":{"type":"boolean"},"manufacturer":{"$ref":"#/$defs/text"},"model":{"$ref":"#/$defs/text"},"serialNumber":{"$ref":"#/$defs/text"},"partNumber":{"$ref":"#/$defs/text"},"version":{"$ref":"#/$defs/text"}}}},"firmware":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["id","label","version"],"properties":{"id":{"$ref":"#/$defs/id"},"label":{"$ref":"#/$defs/text"},"manufacturer":{"$ref":"#/$defs/text"},"version":{"$ref":"#/$defs/text"},"releaseDate":{"type":"string","pattern":"^\\d{4}-\\d{2}-\\d{2}$","description":"YYYY-MM-DD."}}}},"sensors":{"type":"array","items":{"$ref":"#/$defs/sensor"}},"discreteSensors":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["id","label","kind","possibleStates","state","health"],"properties":{"id":{"$ref":"#/$defs/id"},"label":{"$ref":"#/$defs/text"},"kind":{"enum":["presence","intrusion","powerSupplyStatus","redundancy","other"]},"possibleStates":{"type":"array","minItems":1,"uniqueItems":true,"items":{"$ref":"#/$defs/text"}},"state":{"$ref":"#/$defs/text"},"health":{"$ref":"#/$defs/health"},"monitors":{"$ref":"#/$defs/monitors"}}}},"fans":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["id","label"],"properties":{"id":{"$ref":"#/$defs/id"},"label":{"$ref":"#/$defs/text"},"speedSensor":{"$ref":"#/$defs/id","description":"Id of the fan's tachometer among `sensors`."},"variableSpeed":{"type":"boolean"},"desiredSpeed":{"type":"number","minimum":0},"idleAllowed":{"type":"boolean"},"redundancyGroup":{"$ref":"#/$defs/id"},"fru":{"$ref":"#/$defs/fru"}}}},"powerSupplies":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["id","label"],"properties":{"id":{"$ref":"#/$defs/id"},"label":{"$ref":"#/$defs/text"},"ratedOutputWatts":{"type":"number","minimum":0},"sensors":{"type":"array","uniqueItems":true,"items":{"$ref":"#/$defs/id"}},"redundancyGroup":{"$ref":"#/$defs/id"},"fru":{"$ref":"#/$defs/fru"}}}},"processors":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["id","label"],"properties":{"id":{"$ref":"#/$defs/id"},"label":{"$ref":"#/$defs/text"},"manufacturer":{"$ref":"#/$defs/text"},"model":{"$ref":"#/$defs/text"},"cores":{"type":"integer","minimum":1},"threads":{"type":"integer","minimum":1},"maxSpeedMHz":{"type":"number","minimum":0},"currentSpeedMHz":{"type":"number","minimum":0}}}},"memory":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["id","label","capacity"],"properties":{"id":{"$ref":"#/$defs/id"},"label":{"$ref":"#/$defs/text"},"capacity":{"type":"integer","minimum":0,"description":"Bytes."},"type":{"$ref":"#/$defs/text"},"speedMHz":{"type":"number","minimum":0},"manufacturer":{"$ref":"#/$defs/text"},"serialNumber":{"$ref":"#/$defs/text"},"partNumber":{"$ref":"#/$defs/text"}}}},"batteries":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["id","label"],"properties":{"id":{"$ref":"#/$defs/id"},"label":{"$ref":"#/$defs/text"},"chargePercent":{"type":"number","minimum":0,"maximum":100},"charging":{"type":"boolean"}}}},"redundancy":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["id","label","kind","minNeeded"],"properties":{"id":{"$ref":"#/$defs/id"},"label":{"$ref":"#/$defs/text"},"kind":{"enum":["fan","powerSupply"]},"minNeeded":{"type":"integer","minimum":1,"description":"Members needed for the function; the status follows from how many still work."}}}},"timeline":{"type":"object","additionalProperties":false,"required":["events"],"properties":{"loopSeconds":{"type":"number","exclusiveMinimum":0,"description":"Replay the events every this many seconds."},"events":{"type":"array","items":{"$ref":"#/$defs/event"}}}}},"$defs":{"id":{"type":"string","minLength":1,"maxLength":200,"pattern":"^[^#\\s]+$","description":"Unique within its list; no '#' (used for generated sensors) and no spaces."},"text":{"type":"string","minLength":1,"maxLength":256},"health":{"enum":["ok","warning","critical","fatal","unknown"]},"status":{"enum":["ok","degraded","failed","absent","unknown"]},"thresholdName":{"enum":["lowerNonCritical","upperNonCritical","lowerCritical","upperCritical","lowerFatal","upperFatal"]},"fru":{"type":"object","additionalProperties":false,"properties":{"manufacturer":{"$ref":"#/$defs/text"},"model":{"$ref":"#/$defs/text"},"serialNumber":{"$ref":"#/$defs/text"},"partNumber":{"$ref":"#/$defs/text"},"version":{"$ref":"#/$defs/text"}}},"monitors":{"type":"object","additionalProperties":false,"required":["kind","id"],"properties":{"kind":{"enum":["fan","powerSupply","processor","memory","battery","chassis","system"]},"id":{"type":"string"}}},"sensor":{"type":"object","additionalProperties":false,"required":["id","label","kind","unit","decimals","value"],"properties":{"id":{"$ref":"#/$defs/id"},"label":{"$ref":"#/$defs/text"},"kind":{"enum":["temperature","voltage","current","power","energy","fan","frequency","humidity","pressure","airflow","utilization","other"]},"unit":{"enum":["celsius","fahrenheit","kelvin","volts","amps","watts","voltamperes","joules","rpm","hertz","percent","pascals","psi","cfm","seconds","inches","feet","meters","liters","ohms","unspecified"]},"decimals":{"type":"integer","minimum":0,"maximum":9,"description":"Digits after the point the reading resolves."},"value":{"type":"number","description":"The base reading."},"swing":{"type":"number","minimum":0,"description":"Amplitude of a slow wave around the base reading."},"period":{"type":"number","exclusiveMinimum":0,"description":"Seconds of that wave (default 600)."},"thresholds":{"type":"object","additionalProperties":false,"properties":{"lowerNonCritical":{"type":"number"},"upperNonCritical":{"type":"number"},"lowerCritical":{"type":"number"},"upperCritical":{"type":"number"},"lowerFatal":{"type":"number"},"upperFatal":{"type":"number"}}},"ranges":{"type":"object","additionalProperties":false,"description":"What the hardware declares about the readings, in `unit`: nominal reading, normal range, readable range (CIM NominalReading, NormalMin, NormalMax, MinReadable, MaxReadable). Each minimum not above its maximum.","properties":{"nominal":{"type":"number"},"normalMin":{"type":"number"},"normalMax":{"type":"number"},"minReadable":{"type":"number"},"maxReadable":{"type":"number"}}},"settable":{"type":"array","uniqueItems":true,"items":{"$ref":"#/$defs/thresholdName"}},"monitors":{"$ref":"#/$defs/monitors"}}},"event":{"type":"object","description":"One change at `at` elapsed seconds, to exactly one target: a sensor, a discrete sensor, or a device.","required":["at"],"if":{"required":["sensor"]},"then":{"additionalProperties":false,"properties":{"at":{"$ref":"#/$defs/elapsed"},"sensor":{"$ref":"#/$defs/id"},"value":{"type":"number","description":"Go to this reading."},"restore":{"const":true,"description":"Go back to the base reading."},"unavailable":{"enum":["failed","absent","disabled"],"description":"No reading until the next value or restore."},"rampSeconds":{"type":"number","exclusiveMinimum":0,"description":"Get to the value (or back to base) linearly over this many seconds."}}},"else":{"if":{"required":["discreteSensor"]},"then":{"additionalProperties":false,"required":["state"],"properties":{"at":{"$ref":"#/$defs/elapsed"},"discreteSensor":{"$ref":"#/$defs/id"},"state":{"$ref":"#/$defs/text"},"health":{"$ref":"#/$defs/health"}}},"else":{"additionalProperties":false,"required":["status"],"properties":{"at":{"$ref":"#/$defs/elapsed"},"fan":{"$ref":"#/$defs/id"},"powerSupply":{"$ref":"#/$defs/id"},"processor":{"$ref":"#/$defs/id"},"memory":{"$ref":"#/$defs/id"},"battery":{"$ref":"#/$defs/id"},"status":{"$ref":"#/$defs/status"}}}}},"elapsed":{"type":"number","minimum":0,"description":"Elapsed seconds since the start."}}};
const schema32 = {"type":"string","minLength":1,"maxLength":256};
const schema37 = {"type":"string","minLength":1,"maxLength":200,"pattern":"^[^#\\s]+$","description":"Unique within its list; no '#' (used for generated sensors) and no spaces."};
const schema65 = {"enum":["ok","warning","critical","fatal","unknown"]};
const schema60 = {"type":"object","additionalProperties":false,"required":["kind","id"],"properties":{"kind":{"enum":["fan","powerSupply","processor","memory","battery","chassis","system"]},"id":{"type":"string"}}};
const func1 = Object.prototype.hasOwnProperty;
const func2 = runtime0.default;
const func0 = runtime1.default;
const pattern4 = new RegExp("^[^#\\s]+$", "u");
const pattern7 = new RegExp("^\\d{4}-\\d{2}-\\d{2}$", "u");
const schema56 = {"type":"object","additionalProperties":false,"required":["id","label","kind","unit","decimals","value"],"properties":{"id":{"$ref":"#/$defs/id"},"label":{"$ref":"#/$defs/text"},"kind":{"enum":["temperature","voltage","current","power","energy","fan","frequency","humidity","pressure","airflow","utilization","other"]},"unit":{"enum":["celsius","fahrenheit","kelvin","volts","amps","watts","voltamperes","joules","rpm","hertz","percent","pascals","psi","cfm","seconds","inches","feet","meters","liters","ohms","unspecified"]},"decimals":{"type":"integer","minimum":0,"maximum":9,"description":"Digits after the point the reading resolves."},"value":{"type":"number","description":"The base reading."},"swing":{"type":"number","minimum":0,"description":"Amplitude of a slow wave around the base reading."},"period":{"type":"number","exclusiveMinimum":0,"description":"Seconds of that wave (default 600)."},"thresholds":{"type":"object","additionalProperties":false,"properties":{"lowerNonCritical":{"type":"number"},"upperNonCritical":{"type":"number"},"lowerCritical":{"type":"number"},"upperCritical":{"type":"number"},"lowerFatal":{"type":"number"},"upperFatal":{"type":"number"}}},"ranges":{"type":"object","additionalProperties":false,"description":"What the hardware declares about the readings, in `unit`: nominal reading, normal range, readable range (CIM NominalReading, NormalMin, NormalMax, MinReadable, MaxReadable). Each minimum not above its maximum.","properties":{"nominal":{"type":"number"},"normalMin":{"type":"number"},"normalMax":{"type":"number"},"minReadable":{"type":"number"},"maxReadable":{"type":"number"}}},"settable":{"type":"array","uniqueItems":true,"items":{"$ref":"#/$defs/thresholdName"}},"monitors":{"$ref":"#/$defs/monitors"}}};
const schema59 = {"enum":["lowerNonCritical","upperNonCritical","lowerCritical","upperCritical","lowerFatal","upperFatal"]};

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((((((data.id === undefined) && (missing0 = "id")) || ((data.label === undefined) && (missing0 = "label"))) || ((data.kind === undefined) && (missing0 = "kind"))) || ((data.unit === undefined) && (missing0 = "unit"))) || ((data.decimals === undefined) && (missing0 = "decimals"))) || ((data.value === undefined) && (missing0 = "value"))){
validate21.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(func1.call(schema56.properties, key0))){
validate21.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.id !== undefined){
let data0 = data.id;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(func2(data0) > 200){
validate21.errors = [{instancePath:instancePath+"/id",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data0) < 1){
validate21.errors = [{instancePath:instancePath+"/id",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data0)){
validate21.errors = [{instancePath:instancePath+"/id",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/id",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.label !== undefined){
let data1 = data.label;
const _errs5 = errors;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data1 === "string"){
if(func2(data1) > 256){
validate21.errors = [{instancePath:instancePath+"/label",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data1) < 1){
validate21.errors = [{instancePath:instancePath+"/label",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/label",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.kind !== undefined){
let data2 = data.kind;
const _errs8 = errors;
if(!((((((((((((data2 === "temperature") || (data2 === "voltage")) || (data2 === "current")) || (data2 === "power")) || (data2 === "energy")) || (data2 === "fan")) || (data2 === "frequency")) || (data2 === "humidity")) || (data2 === "pressure")) || (data2 === "airflow")) || (data2 === "utilization")) || (data2 === "other"))){
validate21.errors = [{instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema56.properties.kind.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.unit !== undefined){
let data3 = data.unit;
const _errs9 = errors;
if(!(((((((((((((((((((((data3 === "celsius") || (data3 === "fahrenheit")) || (data3 === "kelvin")) || (data3 === "volts")) || (data3 === "amps")) || (data3 === "watts")) || (data3 === "voltamperes")) || (data3 === "joules")) || (data3 === "rpm")) || (data3 === "hertz")) || (data3 === "percent")) || (data3 === "pascals")) || (data3 === "psi")) || (data3 === "cfm")) || (data3 === "seconds")) || (data3 === "inches")) || (data3 === "feet")) || (data3 === "meters")) || (data3 === "liters")) || (data3 === "ohms")) || (data3 === "unspecified"))){
validate21.errors = [{instancePath:instancePath+"/unit",schemaPath:"#/properties/unit/enum",keyword:"enum",params:{allowedValues: schema56.properties.unit.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.decimals !== undefined){
let data4 = data.decimals;
const _errs10 = errors;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
validate21.errors = [{instancePath:instancePath+"/decimals",schemaPath:"#/properties/decimals/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs10){
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 9 || isNaN(data4)){
validate21.errors = [{instancePath:instancePath+"/decimals",schemaPath:"#/properties/decimals/maximum",keyword:"maximum",params:{comparison: "<=", limit: 9},message:"must be <= 9"}];
return false;
}
else {
if(data4 < 0 || isNaN(data4)){
validate21.errors = [{instancePath:instancePath+"/decimals",schemaPath:"#/properties/decimals/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.value !== undefined){
let data5 = data.value;
const _errs12 = errors;
if(!((typeof data5 == "number") && (isFinite(data5)))){
validate21.errors = [{instancePath:instancePath+"/value",schemaPath:"#/properties/value/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid0 = _errs12 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.swing !== undefined){
let data6 = data.swing;
const _errs14 = errors;
if(errors === _errs14){
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 < 0 || isNaN(data6)){
validate21.errors = [{instancePath:instancePath+"/swing",schemaPath:"#/properties/swing/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/swing",schemaPath:"#/properties/swing/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.period !== undefined){
let data7 = data.period;
const _errs16 = errors;
if(errors === _errs16){
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 <= 0 || isNaN(data7)){
validate21.errors = [{instancePath:instancePath+"/period",schemaPath:"#/properties/period/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0"}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/period",schemaPath:"#/properties/period/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid0 = _errs16 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.thresholds !== undefined){
let data8 = data.thresholds;
const _errs18 = errors;
if(errors === _errs18){
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
const _errs20 = errors;
for(const key1 in data8){
if(!((((((key1 === "lowerNonCritical") || (key1 === "upperNonCritical")) || (key1 === "lowerCritical")) || (key1 === "upperCritical")) || (key1 === "lowerFatal")) || (key1 === "upperFatal"))){
validate21.errors = [{instancePath:instancePath+"/thresholds",schemaPath:"#/properties/thresholds/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs20 === errors){
if(data8.lowerNonCritical !== undefined){
let data9 = data8.lowerNonCritical;
const _errs21 = errors;
if(!((typeof data9 == "number") && (isFinite(data9)))){
validate21.errors = [{instancePath:instancePath+"/thresholds/lowerNonCritical",schemaPath:"#/properties/thresholds/properties/lowerNonCritical/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid3 = _errs21 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data8.upperNonCritical !== undefined){
let data10 = data8.upperNonCritical;
const _errs23 = errors;
if(!((typeof data10 == "number") && (isFinite(data10)))){
validate21.errors = [{instancePath:instancePath+"/thresholds/upperNonCritical",schemaPath:"#/properties/thresholds/properties/upperNonCritical/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid3 = _errs23 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data8.lowerCritical !== undefined){
let data11 = data8.lowerCritical;
const _errs25 = errors;
if(!((typeof data11 == "number") && (isFinite(data11)))){
validate21.errors = [{instancePath:instancePath+"/thresholds/lowerCritical",schemaPath:"#/properties/thresholds/properties/lowerCritical/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid3 = _errs25 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data8.upperCritical !== undefined){
let data12 = data8.upperCritical;
const _errs27 = errors;
if(!((typeof data12 == "number") && (isFinite(data12)))){
validate21.errors = [{instancePath:instancePath+"/thresholds/upperCritical",schemaPath:"#/properties/thresholds/properties/upperCritical/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid3 = _errs27 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data8.lowerFatal !== undefined){
let data13 = data8.lowerFatal;
const _errs29 = errors;
if(!((typeof data13 == "number") && (isFinite(data13)))){
validate21.errors = [{instancePath:instancePath+"/thresholds/lowerFatal",schemaPath:"#/properties/thresholds/properties/lowerFatal/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid3 = _errs29 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data8.upperFatal !== undefined){
let data14 = data8.upperFatal;
const _errs31 = errors;
if(!((typeof data14 == "number") && (isFinite(data14)))){
validate21.errors = [{instancePath:instancePath+"/thresholds/upperFatal",schemaPath:"#/properties/thresholds/properties/upperFatal/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid3 = _errs31 === errors;
}
else {
var valid3 = true;
}
}
}
}
}
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/thresholds",schemaPath:"#/properties/thresholds/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs18 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.ranges !== undefined){
let data15 = data.ranges;
const _errs33 = errors;
if(errors === _errs33){
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
const _errs35 = errors;
for(const key2 in data15){
if(!(((((key2 === "nominal") || (key2 === "normalMin")) || (key2 === "normalMax")) || (key2 === "minReadable")) || (key2 === "maxReadable"))){
validate21.errors = [{instancePath:instancePath+"/ranges",schemaPath:"#/properties/ranges/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs35 === errors){
if(data15.nominal !== undefined){
let data16 = data15.nominal;
const _errs36 = errors;
if(!((typeof data16 == "number") && (isFinite(data16)))){
validate21.errors = [{instancePath:instancePath+"/ranges/nominal",schemaPath:"#/properties/ranges/properties/nominal/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid4 = _errs36 === errors;
}
else {
var valid4 = true;
}
if(valid4){
if(data15.normalMin !== undefined){
let data17 = data15.normalMin;
const _errs38 = errors;
if(!((typeof data17 == "number") && (isFinite(data17)))){
validate21.errors = [{instancePath:instancePath+"/ranges/normalMin",schemaPath:"#/properties/ranges/properties/normalMin/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid4 = _errs38 === errors;
}
else {
var valid4 = true;
}
if(valid4){
if(data15.normalMax !== undefined){
let data18 = data15.normalMax;
const _errs40 = errors;
if(!((typeof data18 == "number") && (isFinite(data18)))){
validate21.errors = [{instancePath:instancePath+"/ranges/normalMax",schemaPath:"#/properties/ranges/properties/normalMax/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid4 = _errs40 === errors;
}
else {
var valid4 = true;
}
if(valid4){
if(data15.minReadable !== undefined){
let data19 = data15.minReadable;
const _errs42 = errors;
if(!((typeof data19 == "number") && (isFinite(data19)))){
validate21.errors = [{instancePath:instancePath+"/ranges/minReadable",schemaPath:"#/properties/ranges/properties/minReadable/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid4 = _errs42 === errors;
}
else {
var valid4 = true;
}
if(valid4){
if(data15.maxReadable !== undefined){
let data20 = data15.maxReadable;
const _errs44 = errors;
if(!((typeof data20 == "number") && (isFinite(data20)))){
validate21.errors = [{instancePath:instancePath+"/ranges/maxReadable",schemaPath:"#/properties/ranges/properties/maxReadable/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid4 = _errs44 === errors;
}
else {
var valid4 = true;
}
}
}
}
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/ranges",schemaPath:"#/properties/ranges/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs33 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.settable !== undefined){
let data21 = data.settable;
const _errs46 = errors;
if(errors === _errs46){
if(Array.isArray(data21)){
var valid5 = true;
const len0 = data21.length;
for(let i0=0; i0<len0; i0++){
let data22 = data21[i0];
const _errs48 = errors;
if(!((((((data22 === "lowerNonCritical") || (data22 === "upperNonCritical")) || (data22 === "lowerCritical")) || (data22 === "upperCritical")) || (data22 === "lowerFatal")) || (data22 === "upperFatal"))){
validate21.errors = [{instancePath:instancePath+"/settable/" + i0,schemaPath:"#/$defs/thresholdName/enum",keyword:"enum",params:{allowedValues: schema59.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid5 = _errs48 === errors;
if(!valid5){
break;
}
}
if(valid5){
let i1 = data21.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data21[i1], data21[j0])){
validate21.errors = [{instancePath:instancePath+"/settable",schemaPath:"#/properties/settable/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)"}];
return false;
break outer0;
}
}
}
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/settable",schemaPath:"#/properties/settable/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs46 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.monitors !== undefined){
let data23 = data.monitors;
const _errs50 = errors;
const _errs51 = errors;
if(errors === _errs51){
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
let missing1;
if(((data23.kind === undefined) && (missing1 = "kind")) || ((data23.id === undefined) && (missing1 = "id"))){
validate21.errors = [{instancePath:instancePath+"/monitors",schemaPath:"#/$defs/monitors/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'"}];
return false;
}
else {
const _errs53 = errors;
for(const key3 in data23){
if(!((key3 === "kind") || (key3 === "id"))){
validate21.errors = [{instancePath:instancePath+"/monitors",schemaPath:"#/$defs/monitors/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs53 === errors){
if(data23.kind !== undefined){
let data24 = data23.kind;
const _errs54 = errors;
if(!(((((((data24 === "fan") || (data24 === "powerSupply")) || (data24 === "processor")) || (data24 === "memory")) || (data24 === "battery")) || (data24 === "chassis")) || (data24 === "system"))){
validate21.errors = [{instancePath:instancePath+"/monitors/kind",schemaPath:"#/$defs/monitors/properties/kind/enum",keyword:"enum",params:{allowedValues: schema60.properties.kind.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid9 = _errs54 === errors;
}
else {
var valid9 = true;
}
if(valid9){
if(data23.id !== undefined){
const _errs55 = errors;
if(typeof data23.id !== "string"){
validate21.errors = [{instancePath:instancePath+"/monitors/id",schemaPath:"#/$defs/monitors/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid9 = _errs55 === errors;
}
else {
var valid9 = true;
}
}
}
}
}
else {
validate21.errors = [{instancePath:instancePath+"/monitors",schemaPath:"#/$defs/monitors/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs50 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
else {
validate21.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema71 = {"type":"object","additionalProperties":false,"properties":{"manufacturer":{"$ref":"#/$defs/text"},"model":{"$ref":"#/$defs/text"},"serialNumber":{"$ref":"#/$defs/text"},"partNumber":{"$ref":"#/$defs/text"},"version":{"$ref":"#/$defs/text"}}};

function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate23.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
const _errs1 = errors;
for(const key0 in data){
if(!(((((key0 === "manufacturer") || (key0 === "model")) || (key0 === "serialNumber")) || (key0 === "partNumber")) || (key0 === "version"))){
validate23.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.manufacturer !== undefined){
let data0 = data.manufacturer;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(func2(data0) > 256){
validate23.errors = [{instancePath:instancePath+"/manufacturer",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data0) < 1){
validate23.errors = [{instancePath:instancePath+"/manufacturer",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate23.errors = [{instancePath:instancePath+"/manufacturer",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.model !== undefined){
let data1 = data.model;
const _errs5 = errors;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data1 === "string"){
if(func2(data1) > 256){
validate23.errors = [{instancePath:instancePath+"/model",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data1) < 1){
validate23.errors = [{instancePath:instancePath+"/model",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate23.errors = [{instancePath:instancePath+"/model",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.serialNumber !== undefined){
let data2 = data.serialNumber;
const _errs8 = errors;
const _errs9 = errors;
if(errors === _errs9){
if(typeof data2 === "string"){
if(func2(data2) > 256){
validate23.errors = [{instancePath:instancePath+"/serialNumber",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data2) < 1){
validate23.errors = [{instancePath:instancePath+"/serialNumber",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate23.errors = [{instancePath:instancePath+"/serialNumber",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.partNumber !== undefined){
let data3 = data.partNumber;
const _errs11 = errors;
const _errs12 = errors;
if(errors === _errs12){
if(typeof data3 === "string"){
if(func2(data3) > 256){
validate23.errors = [{instancePath:instancePath+"/partNumber",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data3) < 1){
validate23.errors = [{instancePath:instancePath+"/partNumber",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate23.errors = [{instancePath:instancePath+"/partNumber",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.version !== undefined){
let data4 = data.version;
const _errs14 = errors;
const _errs15 = errors;
if(errors === _errs15){
if(typeof data4 === "string"){
if(func2(data4) > 256){
validate23.errors = [{instancePath:instancePath+"/version",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data4) < 1){
validate23.errors = [{instancePath:instancePath+"/version",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate23.errors = [{instancePath:instancePath+"/version",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
else {
validate23.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate23.errors = vErrors;
return errors === 0;
}
validate23.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema95 = {"type":"object","description":"One change at `at` elapsed seconds, to exactly one target: a sensor, a discrete sensor, or a device.","required":["at"],"if":{"required":["sensor"]},"then":{"additionalProperties":false,"properties":{"at":{"$ref":"#/$defs/elapsed"},"sensor":{"$ref":"#/$defs/id"},"value":{"type":"number","description":"Go to this reading."},"restore":{"const":true,"description":"Go back to the base reading."},"unavailable":{"enum":["failed","absent","disabled"],"description":"No reading until the next value or restore."},"rampSeconds":{"type":"number","exclusiveMinimum":0,"description":"Get to the value (or back to base) linearly over this many seconds."}}},"else":{"if":{"required":["discreteSensor"]},"then":{"additionalProperties":false,"required":["state"],"properties":{"at":{"$ref":"#/$defs/elapsed"},"discreteSensor":{"$ref":"#/$defs/id"},"state":{"$ref":"#/$defs/text"},"health":{"$ref":"#/$defs/health"}}},"else":{"additionalProperties":false,"required":["status"],"properties":{"at":{"$ref":"#/$defs/elapsed"},"fan":{"$ref":"#/$defs/id"},"powerSupply":{"$ref":"#/$defs/id"},"processor":{"$ref":"#/$defs/id"},"memory":{"$ref":"#/$defs/id"},"battery":{"$ref":"#/$defs/id"},"status":{"$ref":"#/$defs/status"}}}}};
const schema96 = {"type":"number","minimum":0,"description":"Elapsed seconds since the start."};
const schema108 = {"enum":["ok","degraded","failed","absent","unknown"]};

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate26.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs1 = errors;
let valid0 = true;
const _errs2 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.sensor === undefined) && (missing0 = "sensor")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var _valid0 = _errs2 === errors;
errors = _errs1;
if(vErrors !== null){
if(_errs1){
vErrors.length = _errs1;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid0){
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
const _errs4 = errors;
for(const key0 in data){
if(!((((((key0 === "at") || (key0 === "sensor")) || (key0 === "value")) || (key0 === "restore")) || (key0 === "unavailable")) || (key0 === "rampSeconds"))){
validate26.errors = [{instancePath,schemaPath:"#/then/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs4 === errors){
if(data.at !== undefined){
let data0 = data.at;
const _errs5 = errors;
const _errs6 = errors;
if(errors === _errs6){
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 < 0 || isNaN(data0)){
validate26.errors = [{instancePath:instancePath+"/at",schemaPath:"#/$defs/elapsed/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
else {
validate26.errors = [{instancePath:instancePath+"/at",schemaPath:"#/$defs/elapsed/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid1 = _errs5 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data.sensor !== undefined){
let data1 = data.sensor;
const _errs8 = errors;
const _errs9 = errors;
if(errors === _errs9){
if(typeof data1 === "string"){
if(func2(data1) > 200){
validate26.errors = [{instancePath:instancePath+"/sensor",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data1) < 1){
validate26.errors = [{instancePath:instancePath+"/sensor",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data1)){
validate26.errors = [{instancePath:instancePath+"/sensor",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate26.errors = [{instancePath:instancePath+"/sensor",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid1 = _errs8 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data.value !== undefined){
let data2 = data.value;
const _errs11 = errors;
if(!((typeof data2 == "number") && (isFinite(data2)))){
validate26.errors = [{instancePath:instancePath+"/value",schemaPath:"#/then/properties/value/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
var valid1 = _errs11 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data.restore !== undefined){
const _errs13 = errors;
if(true !== data.restore){
validate26.errors = [{instancePath:instancePath+"/restore",schemaPath:"#/then/properties/restore/const",keyword:"const",params:{allowedValue: true},message:"must be equal to constant"}];
return false;
}
var valid1 = _errs13 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data.unavailable !== undefined){
let data4 = data.unavailable;
const _errs14 = errors;
if(!(((data4 === "failed") || (data4 === "absent")) || (data4 === "disabled"))){
validate26.errors = [{instancePath:instancePath+"/unavailable",schemaPath:"#/then/properties/unavailable/enum",keyword:"enum",params:{allowedValues: schema95.then.properties.unavailable.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid1 = _errs14 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data.rampSeconds !== undefined){
let data5 = data.rampSeconds;
const _errs15 = errors;
if(errors === _errs15){
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 <= 0 || isNaN(data5)){
validate26.errors = [{instancePath:instancePath+"/rampSeconds",schemaPath:"#/then/properties/rampSeconds/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0"}];
return false;
}
}
else {
validate26.errors = [{instancePath:instancePath+"/rampSeconds",schemaPath:"#/then/properties/rampSeconds/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid1 = _errs15 === errors;
}
else {
var valid1 = true;
}
}
}
}
}
}
}
}
var _valid0 = _errs3 === errors;
valid0 = _valid0;
if(valid0){
var props0 = true;
}
ifClause0 = "then";
}
else {
const _errs17 = errors;
const _errs18 = errors;
let valid4 = true;
const _errs19 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if((data.discreteSensor === undefined) && (missing1 = "discreteSensor")){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var _valid1 = _errs19 === errors;
errors = _errs18;
if(vErrors !== null){
if(_errs18){
vErrors.length = _errs18;
}
else {
vErrors = null;
}
}
let ifClause1;
if(_valid1){
const _errs20 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing2;
if((data.state === undefined) && (missing2 = "state")){
validate26.errors = [{instancePath,schemaPath:"#/else/then/required",keyword:"required",params:{missingProperty: missing2},message:"must have required property '"+missing2+"'"}];
return false;
}
else {
const _errs21 = errors;
for(const key1 in data){
if(!((((key1 === "at") || (key1 === "discreteSensor")) || (key1 === "state")) || (key1 === "health"))){
validate26.errors = [{instancePath,schemaPath:"#/else/then/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs21 === errors){
if(data.at !== undefined){
let data6 = data.at;
const _errs22 = errors;
const _errs23 = errors;
if(errors === _errs23){
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 < 0 || isNaN(data6)){
validate26.errors = [{instancePath:instancePath+"/at",schemaPath:"#/$defs/elapsed/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
else {
validate26.errors = [{instancePath:instancePath+"/at",schemaPath:"#/$defs/elapsed/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid5 = _errs22 === errors;
}
else {
var valid5 = true;
}
if(valid5){
if(data.discreteSensor !== undefined){
let data7 = data.discreteSensor;
const _errs25 = errors;
const _errs26 = errors;
if(errors === _errs26){
if(typeof data7 === "string"){
if(func2(data7) > 200){
validate26.errors = [{instancePath:instancePath+"/discreteSensor",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data7) < 1){
validate26.errors = [{instancePath:instancePath+"/discreteSensor",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data7)){
validate26.errors = [{instancePath:instancePath+"/discreteSensor",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate26.errors = [{instancePath:instancePath+"/discreteSensor",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid5 = _errs25 === errors;
}
else {
var valid5 = true;
}
if(valid5){
if(data.state !== undefined){
let data8 = data.state;
const _errs28 = errors;
const _errs29 = errors;
if(errors === _errs29){
if(typeof data8 === "string"){
if(func2(data8) > 256){
validate26.errors = [{instancePath:instancePath+"/state",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data8) < 1){
validate26.errors = [{instancePath:instancePath+"/state",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate26.errors = [{instancePath:instancePath+"/state",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid5 = _errs28 === errors;
}
else {
var valid5 = true;
}
if(valid5){
if(data.health !== undefined){
let data9 = data.health;
const _errs31 = errors;
if(!(((((data9 === "ok") || (data9 === "warning")) || (data9 === "critical")) || (data9 === "fatal")) || (data9 === "unknown"))){
validate26.errors = [{instancePath:instancePath+"/health",schemaPath:"#/$defs/health/enum",keyword:"enum",params:{allowedValues: schema65.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid5 = _errs31 === errors;
}
else {
var valid5 = true;
}
}
}
}
}
}
}
var _valid1 = _errs20 === errors;
valid4 = _valid1;
if(valid4){
var props1 = true;
}
ifClause1 = "then";
}
else {
const _errs33 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing3;
if((data.status === undefined) && (missing3 = "status")){
validate26.errors = [{instancePath,schemaPath:"#/else/else/required",keyword:"required",params:{missingProperty: missing3},message:"must have required property '"+missing3+"'"}];
return false;
}
else {
const _errs34 = errors;
for(const key2 in data){
if(!(((((((key2 === "at") || (key2 === "fan")) || (key2 === "powerSupply")) || (key2 === "processor")) || (key2 === "memory")) || (key2 === "battery")) || (key2 === "status"))){
validate26.errors = [{instancePath,schemaPath:"#/else/else/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs34 === errors){
if(data.at !== undefined){
let data10 = data.at;
const _errs35 = errors;
const _errs36 = errors;
if(errors === _errs36){
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 < 0 || isNaN(data10)){
validate26.errors = [{instancePath:instancePath+"/at",schemaPath:"#/$defs/elapsed/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
else {
validate26.errors = [{instancePath:instancePath+"/at",schemaPath:"#/$defs/elapsed/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid10 = _errs35 === errors;
}
else {
var valid10 = true;
}
if(valid10){
if(data.fan !== undefined){
let data11 = data.fan;
const _errs38 = errors;
const _errs39 = errors;
if(errors === _errs39){
if(typeof data11 === "string"){
if(func2(data11) > 200){
validate26.errors = [{instancePath:instancePath+"/fan",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data11) < 1){
validate26.errors = [{instancePath:instancePath+"/fan",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data11)){
validate26.errors = [{instancePath:instancePath+"/fan",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate26.errors = [{instancePath:instancePath+"/fan",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid10 = _errs38 === errors;
}
else {
var valid10 = true;
}
if(valid10){
if(data.powerSupply !== undefined){
let data12 = data.powerSupply;
const _errs41 = errors;
const _errs42 = errors;
if(errors === _errs42){
if(typeof data12 === "string"){
if(func2(data12) > 200){
validate26.errors = [{instancePath:instancePath+"/powerSupply",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data12) < 1){
validate26.errors = [{instancePath:instancePath+"/powerSupply",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data12)){
validate26.errors = [{instancePath:instancePath+"/powerSupply",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate26.errors = [{instancePath:instancePath+"/powerSupply",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid10 = _errs41 === errors;
}
else {
var valid10 = true;
}
if(valid10){
if(data.processor !== undefined){
let data13 = data.processor;
const _errs44 = errors;
const _errs45 = errors;
if(errors === _errs45){
if(typeof data13 === "string"){
if(func2(data13) > 200){
validate26.errors = [{instancePath:instancePath+"/processor",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data13) < 1){
validate26.errors = [{instancePath:instancePath+"/processor",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data13)){
validate26.errors = [{instancePath:instancePath+"/processor",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate26.errors = [{instancePath:instancePath+"/processor",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid10 = _errs44 === errors;
}
else {
var valid10 = true;
}
if(valid10){
if(data.memory !== undefined){
let data14 = data.memory;
const _errs47 = errors;
const _errs48 = errors;
if(errors === _errs48){
if(typeof data14 === "string"){
if(func2(data14) > 200){
validate26.errors = [{instancePath:instancePath+"/memory",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data14) < 1){
validate26.errors = [{instancePath:instancePath+"/memory",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data14)){
validate26.errors = [{instancePath:instancePath+"/memory",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate26.errors = [{instancePath:instancePath+"/memory",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid10 = _errs47 === errors;
}
else {
var valid10 = true;
}
if(valid10){
if(data.battery !== undefined){
let data15 = data.battery;
const _errs50 = errors;
const _errs51 = errors;
if(errors === _errs51){
if(typeof data15 === "string"){
if(func2(data15) > 200){
validate26.errors = [{instancePath:instancePath+"/battery",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data15) < 1){
validate26.errors = [{instancePath:instancePath+"/battery",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data15)){
validate26.errors = [{instancePath:instancePath+"/battery",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate26.errors = [{instancePath:instancePath+"/battery",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid10 = _errs50 === errors;
}
else {
var valid10 = true;
}
if(valid10){
if(data.status !== undefined){
let data16 = data.status;
const _errs53 = errors;
if(!(((((data16 === "ok") || (data16 === "degraded")) || (data16 === "failed")) || (data16 === "absent")) || (data16 === "unknown"))){
validate26.errors = [{instancePath:instancePath+"/status",schemaPath:"#/$defs/status/enum",keyword:"enum",params:{allowedValues: schema108.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid10 = _errs53 === errors;
}
else {
var valid10 = true;
}
}
}
}
}
}
}
}
}
}
var _valid1 = _errs33 === errors;
valid4 = _valid1;
if(valid4){
if(props1 !== true){
props1 = true;
}
}
ifClause1 = "else";
}
if(!valid4){
const err2 = {instancePath,schemaPath:"#/else/if",keyword:"if",params:{failingKeyword: ifClause1},message:"must match \""+ifClause1+"\" schema"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
validate26.errors = vErrors;
return false;
}
var _valid0 = _errs17 === errors;
valid0 = _valid0;
if(valid0){
if(props0 !== true && props1 !== undefined){
if(props1 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props1);
}
}
}
ifClause0 = "else";
}
if(!valid0){
const err3 = {instancePath,schemaPath:"#/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
validate26.errors = vErrors;
return false;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing4;
if((data.at === undefined) && (missing4 = "at")){
validate26.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing4},message:"must have required property '"+missing4+"'"}];
return false;
}
}
else {
validate26.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate26.errors = vErrors;
evaluated0.props = props0;
return errors === 0;
}
validate26.evaluated = {"dynamicProps":true,"dynamicItems":false};


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://thincim.dev/schemas/simulated-scenario.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
const _errs1 = errors;
for(const key0 in data){
if(!(func1.call(schema31.properties, key0))){
validate20.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.$schema !== undefined){
const _errs2 = errors;
if(typeof data.$schema !== "string"){
validate20.errors = [{instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.name !== undefined){
const _errs4 = errors;
if(typeof data.name !== "string"){
validate20.errors = [{instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs4 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.system !== undefined){
let data2 = data.system;
const _errs6 = errors;
if(errors === _errs6){
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
const _errs8 = errors;
for(const key1 in data2){
if(!(((((key1 === "hostname") || (key1 === "manufacturer")) || (key1 === "model")) || (key1 === "serialNumber")) || (key1 === "uuid"))){
validate20.errors = [{instancePath:instancePath+"/system",schemaPath:"#/properties/system/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs8 === errors){
if(data2.hostname !== undefined){
let data3 = data2.hostname;
const _errs9 = errors;
const _errs10 = errors;
if(errors === _errs10){
if(typeof data3 === "string"){
if(func2(data3) > 256){
validate20.errors = [{instancePath:instancePath+"/system/hostname",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data3) < 1){
validate20.errors = [{instancePath:instancePath+"/system/hostname",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/system/hostname",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid1 = _errs9 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data2.manufacturer !== undefined){
let data4 = data2.manufacturer;
const _errs12 = errors;
const _errs13 = errors;
if(errors === _errs13){
if(typeof data4 === "string"){
if(func2(data4) > 256){
validate20.errors = [{instancePath:instancePath+"/system/manufacturer",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data4) < 1){
validate20.errors = [{instancePath:instancePath+"/system/manufacturer",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/system/manufacturer",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid1 = _errs12 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data2.model !== undefined){
let data5 = data2.model;
const _errs15 = errors;
const _errs16 = errors;
if(errors === _errs16){
if(typeof data5 === "string"){
if(func2(data5) > 256){
validate20.errors = [{instancePath:instancePath+"/system/model",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data5) < 1){
validate20.errors = [{instancePath:instancePath+"/system/model",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/system/model",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid1 = _errs15 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data2.serialNumber !== undefined){
let data6 = data2.serialNumber;
const _errs18 = errors;
const _errs19 = errors;
if(errors === _errs19){
if(typeof data6 === "string"){
if(func2(data6) > 256){
validate20.errors = [{instancePath:instancePath+"/system/serialNumber",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data6) < 1){
validate20.errors = [{instancePath:instancePath+"/system/serialNumber",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/system/serialNumber",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid1 = _errs18 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data2.uuid !== undefined){
let data7 = data2.uuid;
const _errs21 = errors;
const _errs22 = errors;
if(errors === _errs22){
if(typeof data7 === "string"){
if(func2(data7) > 256){
validate20.errors = [{instancePath:instancePath+"/system/uuid",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data7) < 1){
validate20.errors = [{instancePath:instancePath+"/system/uuid",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/system/uuid",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid1 = _errs21 === errors;
}
else {
var valid1 = true;
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/system",schemaPath:"#/properties/system/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.chassis !== undefined){
let data8 = data.chassis;
const _errs24 = errors;
if(errors === _errs24){
if(Array.isArray(data8)){
var valid7 = true;
const len0 = data8.length;
for(let i0=0; i0<len0; i0++){
let data9 = data8[i0];
const _errs26 = errors;
if(errors === _errs26){
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
let missing0;
if((data9.id === undefined) && (missing0 = "id")){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0,schemaPath:"#/properties/chassis/items/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs28 = errors;
for(const key2 in data9){
if(!((((((((key2 === "id") || (key2 === "tag")) || (key2 === "type")) || (key2 === "manufacturer")) || (key2 === "model")) || (key2 === "serialNumber")) || (key2 === "partNumber")) || (key2 === "version"))){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0,schemaPath:"#/properties/chassis/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs28 === errors){
if(data9.id !== undefined){
let data10 = data9.id;
const _errs29 = errors;
const _errs30 = errors;
if(errors === _errs30){
if(typeof data10 === "string"){
if(func2(data10) > 200){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/id",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data10) < 1){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/id",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data10)){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/id",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/id",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid8 = _errs29 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data9.tag !== undefined){
let data11 = data9.tag;
const _errs32 = errors;
const _errs33 = errors;
if(errors === _errs33){
if(typeof data11 === "string"){
if(func2(data11) > 256){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/tag",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data11) < 1){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/tag",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/tag",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid8 = _errs32 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data9.type !== undefined){
let data12 = data9.type;
const _errs35 = errors;
const _errs36 = errors;
if(errors === _errs36){
if(typeof data12 === "string"){
if(func2(data12) > 256){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/type",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data12) < 1){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/type",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/type",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid8 = _errs35 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data9.manufacturer !== undefined){
let data13 = data9.manufacturer;
const _errs38 = errors;
const _errs39 = errors;
if(errors === _errs39){
if(typeof data13 === "string"){
if(func2(data13) > 256){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/manufacturer",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data13) < 1){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/manufacturer",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/manufacturer",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid8 = _errs38 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data9.model !== undefined){
let data14 = data9.model;
const _errs41 = errors;
const _errs42 = errors;
if(errors === _errs42){
if(typeof data14 === "string"){
if(func2(data14) > 256){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/model",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data14) < 1){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/model",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/model",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid8 = _errs41 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data9.serialNumber !== undefined){
let data15 = data9.serialNumber;
const _errs44 = errors;
const _errs45 = errors;
if(errors === _errs45){
if(typeof data15 === "string"){
if(func2(data15) > 256){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/serialNumber",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data15) < 1){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/serialNumber",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/serialNumber",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid8 = _errs44 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data9.partNumber !== undefined){
let data16 = data9.partNumber;
const _errs47 = errors;
const _errs48 = errors;
if(errors === _errs48){
if(typeof data16 === "string"){
if(func2(data16) > 256){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/partNumber",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data16) < 1){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/partNumber",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/partNumber",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid8 = _errs47 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data9.version !== undefined){
let data17 = data9.version;
const _errs50 = errors;
const _errs51 = errors;
if(errors === _errs51){
if(typeof data17 === "string"){
if(func2(data17) > 256){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/version",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data17) < 1){
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/version",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0+"/version",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid8 = _errs50 === errors;
}
else {
var valid8 = true;
}
}
}
}
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/chassis/" + i0,schemaPath:"#/properties/chassis/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid7 = _errs26 === errors;
if(!valid7){
break;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/chassis",schemaPath:"#/properties/chassis/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs24 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.boards !== undefined){
let data18 = data.boards;
const _errs53 = errors;
if(errors === _errs53){
if(Array.isArray(data18)){
var valid17 = true;
const len1 = data18.length;
for(let i1=0; i1<len1; i1++){
let data19 = data18[i1];
const _errs55 = errors;
if(errors === _errs55){
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
let missing1;
if(((data19.id === undefined) && (missing1 = "id")) || ((data19.label === undefined) && (missing1 = "label"))){
validate20.errors = [{instancePath:instancePath+"/boards/" + i1,schemaPath:"#/properties/boards/items/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'"}];
return false;
}
else {
const _errs57 = errors;
for(const key3 in data19){
if(!((((((((key3 === "id") || (key3 === "label")) || (key3 === "hostingBoard")) || (key3 === "manufacturer")) || (key3 === "model")) || (key3 === "serialNumber")) || (key3 === "partNumber")) || (key3 === "version"))){
validate20.errors = [{instancePath:instancePath+"/boards/" + i1,schemaPath:"#/properties/boards/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs57 === errors){
if(data19.id !== undefined){
let data20 = data19.id;
const _errs58 = errors;
const _errs59 = errors;
if(errors === _errs59){
if(typeof data20 === "string"){
if(func2(data20) > 200){
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/id",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data20) < 1){
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/id",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data20)){
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/id",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/id",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid18 = _errs58 === errors;
}
else {
var valid18 = true;
}
if(valid18){
if(data19.label !== undefined){
let data21 = data19.label;
const _errs61 = errors;
const _errs62 = errors;
if(errors === _errs62){
if(typeof data21 === "string"){
if(func2(data21) > 256){
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/label",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data21) < 1){
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/label",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/label",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid18 = _errs61 === errors;
}
else {
var valid18 = true;
}
if(valid18){
if(data19.hostingBoard !== undefined){
const _errs64 = errors;
if(typeof data19.hostingBoard !== "boolean"){
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/hostingBoard",schemaPath:"#/properties/boards/items/properties/hostingBoard/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"}];
return false;
}
var valid18 = _errs64 === errors;
}
else {
var valid18 = true;
}
if(valid18){
if(data19.manufacturer !== undefined){
let data23 = data19.manufacturer;
const _errs66 = errors;
const _errs67 = errors;
if(errors === _errs67){
if(typeof data23 === "string"){
if(func2(data23) > 256){
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/manufacturer",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data23) < 1){
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/manufacturer",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/manufacturer",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid18 = _errs66 === errors;
}
else {
var valid18 = true;
}
if(valid18){
if(data19.model !== undefined){
let data24 = data19.model;
const _errs69 = errors;
const _errs70 = errors;
if(errors === _errs70){
if(typeof data24 === "string"){
if(func2(data24) > 256){
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/model",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data24) < 1){
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/model",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/model",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid18 = _errs69 === errors;
}
else {
var valid18 = true;
}
if(valid18){
if(data19.serialNumber !== undefined){
let data25 = data19.serialNumber;
const _errs72 = errors;
const _errs73 = errors;
if(errors === _errs73){
if(typeof data25 === "string"){
if(func2(data25) > 256){
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/serialNumber",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data25) < 1){
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/serialNumber",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/serialNumber",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid18 = _errs72 === errors;
}
else {
var valid18 = true;
}
if(valid18){
if(data19.partNumber !== undefined){
let data26 = data19.partNumber;
const _errs75 = errors;
const _errs76 = errors;
if(errors === _errs76){
if(typeof data26 === "string"){
if(func2(data26) > 256){
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/partNumber",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data26) < 1){
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/partNumber",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/partNumber",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid18 = _errs75 === errors;
}
else {
var valid18 = true;
}
if(valid18){
if(data19.version !== undefined){
let data27 = data19.version;
const _errs78 = errors;
const _errs79 = errors;
if(errors === _errs79){
if(typeof data27 === "string"){
if(func2(data27) > 256){
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/version",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data27) < 1){
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/version",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/boards/" + i1+"/version",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid18 = _errs78 === errors;
}
else {
var valid18 = true;
}
}
}
}
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/boards/" + i1,schemaPath:"#/properties/boards/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid17 = _errs55 === errors;
if(!valid17){
break;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/boards",schemaPath:"#/properties/boards/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs53 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.firmware !== undefined){
let data28 = data.firmware;
const _errs81 = errors;
if(errors === _errs81){
if(Array.isArray(data28)){
var valid26 = true;
const len2 = data28.length;
for(let i2=0; i2<len2; i2++){
let data29 = data28[i2];
const _errs83 = errors;
if(errors === _errs83){
if(data29 && typeof data29 == "object" && !Array.isArray(data29)){
let missing2;
if((((data29.id === undefined) && (missing2 = "id")) || ((data29.label === undefined) && (missing2 = "label"))) || ((data29.version === undefined) && (missing2 = "version"))){
validate20.errors = [{instancePath:instancePath+"/firmware/" + i2,schemaPath:"#/properties/firmware/items/required",keyword:"required",params:{missingProperty: missing2},message:"must have required property '"+missing2+"'"}];
return false;
}
else {
const _errs85 = errors;
for(const key4 in data29){
if(!(((((key4 === "id") || (key4 === "label")) || (key4 === "manufacturer")) || (key4 === "version")) || (key4 === "releaseDate"))){
validate20.errors = [{instancePath:instancePath+"/firmware/" + i2,schemaPath:"#/properties/firmware/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs85 === errors){
if(data29.id !== undefined){
let data30 = data29.id;
const _errs86 = errors;
const _errs87 = errors;
if(errors === _errs87){
if(typeof data30 === "string"){
if(func2(data30) > 200){
validate20.errors = [{instancePath:instancePath+"/firmware/" + i2+"/id",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data30) < 1){
validate20.errors = [{instancePath:instancePath+"/firmware/" + i2+"/id",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data30)){
validate20.errors = [{instancePath:instancePath+"/firmware/" + i2+"/id",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/firmware/" + i2+"/id",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid27 = _errs86 === errors;
}
else {
var valid27 = true;
}
if(valid27){
if(data29.label !== undefined){
let data31 = data29.label;
const _errs89 = errors;
const _errs90 = errors;
if(errors === _errs90){
if(typeof data31 === "string"){
if(func2(data31) > 256){
validate20.errors = [{instancePath:instancePath+"/firmware/" + i2+"/label",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data31) < 1){
validate20.errors = [{instancePath:instancePath+"/firmware/" + i2+"/label",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/firmware/" + i2+"/label",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid27 = _errs89 === errors;
}
else {
var valid27 = true;
}
if(valid27){
if(data29.manufacturer !== undefined){
let data32 = data29.manufacturer;
const _errs92 = errors;
const _errs93 = errors;
if(errors === _errs93){
if(typeof data32 === "string"){
if(func2(data32) > 256){
validate20.errors = [{instancePath:instancePath+"/firmware/" + i2+"/manufacturer",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data32) < 1){
validate20.errors = [{instancePath:instancePath+"/firmware/" + i2+"/manufacturer",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/firmware/" + i2+"/manufacturer",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid27 = _errs92 === errors;
}
else {
var valid27 = true;
}
if(valid27){
if(data29.version !== undefined){
let data33 = data29.version;
const _errs95 = errors;
const _errs96 = errors;
if(errors === _errs96){
if(typeof data33 === "string"){
if(func2(data33) > 256){
validate20.errors = [{instancePath:instancePath+"/firmware/" + i2+"/version",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data33) < 1){
validate20.errors = [{instancePath:instancePath+"/firmware/" + i2+"/version",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/firmware/" + i2+"/version",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid27 = _errs95 === errors;
}
else {
var valid27 = true;
}
if(valid27){
if(data29.releaseDate !== undefined){
let data34 = data29.releaseDate;
const _errs98 = errors;
if(errors === _errs98){
if(typeof data34 === "string"){
if(!pattern7.test(data34)){
validate20.errors = [{instancePath:instancePath+"/firmware/" + i2+"/releaseDate",schemaPath:"#/properties/firmware/items/properties/releaseDate/pattern",keyword:"pattern",params:{pattern: "^\\d{4}-\\d{2}-\\d{2}$"},message:"must match pattern \""+"^\\d{4}-\\d{2}-\\d{2}$"+"\""}];
return false;
}
}
else {
validate20.errors = [{instancePath:instancePath+"/firmware/" + i2+"/releaseDate",schemaPath:"#/properties/firmware/items/properties/releaseDate/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid27 = _errs98 === errors;
}
else {
var valid27 = true;
}
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/firmware/" + i2,schemaPath:"#/properties/firmware/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid26 = _errs83 === errors;
if(!valid26){
break;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/firmware",schemaPath:"#/properties/firmware/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs81 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.sensors !== undefined){
let data35 = data.sensors;
const _errs100 = errors;
if(errors === _errs100){
if(Array.isArray(data35)){
var valid32 = true;
const len3 = data35.length;
for(let i3=0; i3<len3; i3++){
const _errs102 = errors;
if(!(validate21(data35[i3], {instancePath:instancePath+"/sensors/" + i3,parentData:data35,parentDataProperty:i3,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
var valid32 = _errs102 === errors;
if(!valid32){
break;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/sensors",schemaPath:"#/properties/sensors/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs100 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.discreteSensors !== undefined){
let data37 = data.discreteSensors;
const _errs103 = errors;
if(errors === _errs103){
if(Array.isArray(data37)){
var valid33 = true;
const len4 = data37.length;
for(let i4=0; i4<len4; i4++){
let data38 = data37[i4];
const _errs105 = errors;
if(errors === _errs105){
if(data38 && typeof data38 == "object" && !Array.isArray(data38)){
let missing3;
if(((((((data38.id === undefined) && (missing3 = "id")) || ((data38.label === undefined) && (missing3 = "label"))) || ((data38.kind === undefined) && (missing3 = "kind"))) || ((data38.possibleStates === undefined) && (missing3 = "possibleStates"))) || ((data38.state === undefined) && (missing3 = "state"))) || ((data38.health === undefined) && (missing3 = "health"))){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4,schemaPath:"#/properties/discreteSensors/items/required",keyword:"required",params:{missingProperty: missing3},message:"must have required property '"+missing3+"'"}];
return false;
}
else {
const _errs107 = errors;
for(const key5 in data38){
if(!(((((((key5 === "id") || (key5 === "label")) || (key5 === "kind")) || (key5 === "possibleStates")) || (key5 === "state")) || (key5 === "health")) || (key5 === "monitors"))){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4,schemaPath:"#/properties/discreteSensors/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs107 === errors){
if(data38.id !== undefined){
let data39 = data38.id;
const _errs108 = errors;
const _errs109 = errors;
if(errors === _errs109){
if(typeof data39 === "string"){
if(func2(data39) > 200){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/id",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data39) < 1){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/id",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data39)){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/id",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/id",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid34 = _errs108 === errors;
}
else {
var valid34 = true;
}
if(valid34){
if(data38.label !== undefined){
let data40 = data38.label;
const _errs111 = errors;
const _errs112 = errors;
if(errors === _errs112){
if(typeof data40 === "string"){
if(func2(data40) > 256){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/label",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data40) < 1){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/label",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/label",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid34 = _errs111 === errors;
}
else {
var valid34 = true;
}
if(valid34){
if(data38.kind !== undefined){
let data41 = data38.kind;
const _errs114 = errors;
if(!(((((data41 === "presence") || (data41 === "intrusion")) || (data41 === "powerSupplyStatus")) || (data41 === "redundancy")) || (data41 === "other"))){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/kind",schemaPath:"#/properties/discreteSensors/items/properties/kind/enum",keyword:"enum",params:{allowedValues: schema31.properties.discreteSensors.items.properties.kind.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid34 = _errs114 === errors;
}
else {
var valid34 = true;
}
if(valid34){
if(data38.possibleStates !== undefined){
let data42 = data38.possibleStates;
const _errs115 = errors;
if(errors === _errs115){
if(Array.isArray(data42)){
if(data42.length < 1){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/possibleStates",schemaPath:"#/properties/discreteSensors/items/properties/possibleStates/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"}];
return false;
}
else {
var valid37 = true;
const len5 = data42.length;
for(let i5=0; i5<len5; i5++){
let data43 = data42[i5];
const _errs117 = errors;
const _errs118 = errors;
if(errors === _errs118){
if(typeof data43 === "string"){
if(func2(data43) > 256){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/possibleStates/" + i5,schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data43) < 1){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/possibleStates/" + i5,schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/possibleStates/" + i5,schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid37 = _errs117 === errors;
if(!valid37){
break;
}
}
if(valid37){
let i6 = data42.length;
let j0;
if(i6 > 1){
outer0:
for(;i6--;){
for(j0 = i6; j0--;){
if(func0(data42[i6], data42[j0])){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/possibleStates",schemaPath:"#/properties/discreteSensors/items/properties/possibleStates/uniqueItems",keyword:"uniqueItems",params:{i: i6, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i6+" are identical)"}];
return false;
break outer0;
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/possibleStates",schemaPath:"#/properties/discreteSensors/items/properties/possibleStates/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid34 = _errs115 === errors;
}
else {
var valid34 = true;
}
if(valid34){
if(data38.state !== undefined){
let data44 = data38.state;
const _errs120 = errors;
const _errs121 = errors;
if(errors === _errs121){
if(typeof data44 === "string"){
if(func2(data44) > 256){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/state",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data44) < 1){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/state",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/state",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid34 = _errs120 === errors;
}
else {
var valid34 = true;
}
if(valid34){
if(data38.health !== undefined){
let data45 = data38.health;
const _errs123 = errors;
if(!(((((data45 === "ok") || (data45 === "warning")) || (data45 === "critical")) || (data45 === "fatal")) || (data45 === "unknown"))){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/health",schemaPath:"#/$defs/health/enum",keyword:"enum",params:{allowedValues: schema65.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid34 = _errs123 === errors;
}
else {
var valid34 = true;
}
if(valid34){
if(data38.monitors !== undefined){
let data46 = data38.monitors;
const _errs125 = errors;
const _errs126 = errors;
if(errors === _errs126){
if(data46 && typeof data46 == "object" && !Array.isArray(data46)){
let missing4;
if(((data46.kind === undefined) && (missing4 = "kind")) || ((data46.id === undefined) && (missing4 = "id"))){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/monitors",schemaPath:"#/$defs/monitors/required",keyword:"required",params:{missingProperty: missing4},message:"must have required property '"+missing4+"'"}];
return false;
}
else {
const _errs128 = errors;
for(const key6 in data46){
if(!((key6 === "kind") || (key6 === "id"))){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/monitors",schemaPath:"#/$defs/monitors/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs128 === errors){
if(data46.kind !== undefined){
let data47 = data46.kind;
const _errs129 = errors;
if(!(((((((data47 === "fan") || (data47 === "powerSupply")) || (data47 === "processor")) || (data47 === "memory")) || (data47 === "battery")) || (data47 === "chassis")) || (data47 === "system"))){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/monitors/kind",schemaPath:"#/$defs/monitors/properties/kind/enum",keyword:"enum",params:{allowedValues: schema60.properties.kind.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid43 = _errs129 === errors;
}
else {
var valid43 = true;
}
if(valid43){
if(data46.id !== undefined){
const _errs130 = errors;
if(typeof data46.id !== "string"){
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/monitors/id",schemaPath:"#/$defs/monitors/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid43 = _errs130 === errors;
}
else {
var valid43 = true;
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4+"/monitors",schemaPath:"#/$defs/monitors/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid34 = _errs125 === errors;
}
else {
var valid34 = true;
}
}
}
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/discreteSensors/" + i4,schemaPath:"#/properties/discreteSensors/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid33 = _errs105 === errors;
if(!valid33){
break;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/discreteSensors",schemaPath:"#/properties/discreteSensors/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs103 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.fans !== undefined){
let data49 = data.fans;
const _errs132 = errors;
if(errors === _errs132){
if(Array.isArray(data49)){
var valid44 = true;
const len6 = data49.length;
for(let i7=0; i7<len6; i7++){
let data50 = data49[i7];
const _errs134 = errors;
if(errors === _errs134){
if(data50 && typeof data50 == "object" && !Array.isArray(data50)){
let missing5;
if(((data50.id === undefined) && (missing5 = "id")) || ((data50.label === undefined) && (missing5 = "label"))){
validate20.errors = [{instancePath:instancePath+"/fans/" + i7,schemaPath:"#/properties/fans/items/required",keyword:"required",params:{missingProperty: missing5},message:"must have required property '"+missing5+"'"}];
return false;
}
else {
const _errs136 = errors;
for(const key7 in data50){
if(!((((((((key7 === "id") || (key7 === "label")) || (key7 === "speedSensor")) || (key7 === "variableSpeed")) || (key7 === "desiredSpeed")) || (key7 === "idleAllowed")) || (key7 === "redundancyGroup")) || (key7 === "fru"))){
validate20.errors = [{instancePath:instancePath+"/fans/" + i7,schemaPath:"#/properties/fans/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs136 === errors){
if(data50.id !== undefined){
let data51 = data50.id;
const _errs137 = errors;
const _errs138 = errors;
if(errors === _errs138){
if(typeof data51 === "string"){
if(func2(data51) > 200){
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/id",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data51) < 1){
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/id",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data51)){
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/id",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/id",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid45 = _errs137 === errors;
}
else {
var valid45 = true;
}
if(valid45){
if(data50.label !== undefined){
let data52 = data50.label;
const _errs140 = errors;
const _errs141 = errors;
if(errors === _errs141){
if(typeof data52 === "string"){
if(func2(data52) > 256){
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/label",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data52) < 1){
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/label",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/label",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid45 = _errs140 === errors;
}
else {
var valid45 = true;
}
if(valid45){
if(data50.speedSensor !== undefined){
let data53 = data50.speedSensor;
const _errs143 = errors;
const _errs144 = errors;
if(errors === _errs144){
if(typeof data53 === "string"){
if(func2(data53) > 200){
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/speedSensor",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data53) < 1){
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/speedSensor",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data53)){
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/speedSensor",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/speedSensor",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid45 = _errs143 === errors;
}
else {
var valid45 = true;
}
if(valid45){
if(data50.variableSpeed !== undefined){
const _errs146 = errors;
if(typeof data50.variableSpeed !== "boolean"){
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/variableSpeed",schemaPath:"#/properties/fans/items/properties/variableSpeed/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"}];
return false;
}
var valid45 = _errs146 === errors;
}
else {
var valid45 = true;
}
if(valid45){
if(data50.desiredSpeed !== undefined){
let data55 = data50.desiredSpeed;
const _errs148 = errors;
if(errors === _errs148){
if((typeof data55 == "number") && (isFinite(data55))){
if(data55 < 0 || isNaN(data55)){
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/desiredSpeed",schemaPath:"#/properties/fans/items/properties/desiredSpeed/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
else {
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/desiredSpeed",schemaPath:"#/properties/fans/items/properties/desiredSpeed/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid45 = _errs148 === errors;
}
else {
var valid45 = true;
}
if(valid45){
if(data50.idleAllowed !== undefined){
const _errs150 = errors;
if(typeof data50.idleAllowed !== "boolean"){
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/idleAllowed",schemaPath:"#/properties/fans/items/properties/idleAllowed/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"}];
return false;
}
var valid45 = _errs150 === errors;
}
else {
var valid45 = true;
}
if(valid45){
if(data50.redundancyGroup !== undefined){
let data57 = data50.redundancyGroup;
const _errs152 = errors;
const _errs153 = errors;
if(errors === _errs153){
if(typeof data57 === "string"){
if(func2(data57) > 200){
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/redundancyGroup",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data57) < 1){
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/redundancyGroup",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data57)){
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/redundancyGroup",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/fans/" + i7+"/redundancyGroup",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid45 = _errs152 === errors;
}
else {
var valid45 = true;
}
if(valid45){
if(data50.fru !== undefined){
const _errs155 = errors;
if(!(validate23(data50.fru, {instancePath:instancePath+"/fans/" + i7+"/fru",parentData:data50,parentDataProperty:"fru",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
var valid45 = _errs155 === errors;
}
else {
var valid45 = true;
}
}
}
}
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/fans/" + i7,schemaPath:"#/properties/fans/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid44 = _errs134 === errors;
if(!valid44){
break;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/fans",schemaPath:"#/properties/fans/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs132 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.powerSupplies !== undefined){
let data59 = data.powerSupplies;
const _errs156 = errors;
if(errors === _errs156){
if(Array.isArray(data59)){
var valid50 = true;
const len7 = data59.length;
for(let i8=0; i8<len7; i8++){
let data60 = data59[i8];
const _errs158 = errors;
if(errors === _errs158){
if(data60 && typeof data60 == "object" && !Array.isArray(data60)){
let missing6;
if(((data60.id === undefined) && (missing6 = "id")) || ((data60.label === undefined) && (missing6 = "label"))){
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8,schemaPath:"#/properties/powerSupplies/items/required",keyword:"required",params:{missingProperty: missing6},message:"must have required property '"+missing6+"'"}];
return false;
}
else {
const _errs160 = errors;
for(const key8 in data60){
if(!((((((key8 === "id") || (key8 === "label")) || (key8 === "ratedOutputWatts")) || (key8 === "sensors")) || (key8 === "redundancyGroup")) || (key8 === "fru"))){
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8,schemaPath:"#/properties/powerSupplies/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs160 === errors){
if(data60.id !== undefined){
let data61 = data60.id;
const _errs161 = errors;
const _errs162 = errors;
if(errors === _errs162){
if(typeof data61 === "string"){
if(func2(data61) > 200){
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/id",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data61) < 1){
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/id",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data61)){
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/id",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/id",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid51 = _errs161 === errors;
}
else {
var valid51 = true;
}
if(valid51){
if(data60.label !== undefined){
let data62 = data60.label;
const _errs164 = errors;
const _errs165 = errors;
if(errors === _errs165){
if(typeof data62 === "string"){
if(func2(data62) > 256){
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/label",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data62) < 1){
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/label",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/label",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid51 = _errs164 === errors;
}
else {
var valid51 = true;
}
if(valid51){
if(data60.ratedOutputWatts !== undefined){
let data63 = data60.ratedOutputWatts;
const _errs167 = errors;
if(errors === _errs167){
if((typeof data63 == "number") && (isFinite(data63))){
if(data63 < 0 || isNaN(data63)){
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/ratedOutputWatts",schemaPath:"#/properties/powerSupplies/items/properties/ratedOutputWatts/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
else {
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/ratedOutputWatts",schemaPath:"#/properties/powerSupplies/items/properties/ratedOutputWatts/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid51 = _errs167 === errors;
}
else {
var valid51 = true;
}
if(valid51){
if(data60.sensors !== undefined){
let data64 = data60.sensors;
const _errs169 = errors;
if(errors === _errs169){
if(Array.isArray(data64)){
var valid54 = true;
const len8 = data64.length;
for(let i9=0; i9<len8; i9++){
let data65 = data64[i9];
const _errs171 = errors;
const _errs172 = errors;
if(errors === _errs172){
if(typeof data65 === "string"){
if(func2(data65) > 200){
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/sensors/" + i9,schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data65) < 1){
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/sensors/" + i9,schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data65)){
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/sensors/" + i9,schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/sensors/" + i9,schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid54 = _errs171 === errors;
if(!valid54){
break;
}
}
if(valid54){
let i10 = data64.length;
let j1;
if(i10 > 1){
outer1:
for(;i10--;){
for(j1 = i10; j1--;){
if(func0(data64[i10], data64[j1])){
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/sensors",schemaPath:"#/properties/powerSupplies/items/properties/sensors/uniqueItems",keyword:"uniqueItems",params:{i: i10, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i10+" are identical)"}];
return false;
break outer1;
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/sensors",schemaPath:"#/properties/powerSupplies/items/properties/sensors/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid51 = _errs169 === errors;
}
else {
var valid51 = true;
}
if(valid51){
if(data60.redundancyGroup !== undefined){
let data66 = data60.redundancyGroup;
const _errs174 = errors;
const _errs175 = errors;
if(errors === _errs175){
if(typeof data66 === "string"){
if(func2(data66) > 200){
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/redundancyGroup",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data66) < 1){
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/redundancyGroup",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data66)){
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/redundancyGroup",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8+"/redundancyGroup",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid51 = _errs174 === errors;
}
else {
var valid51 = true;
}
if(valid51){
if(data60.fru !== undefined){
const _errs177 = errors;
if(!(validate23(data60.fru, {instancePath:instancePath+"/powerSupplies/" + i8+"/fru",parentData:data60,parentDataProperty:"fru",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
var valid51 = _errs177 === errors;
}
else {
var valid51 = true;
}
}
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/powerSupplies/" + i8,schemaPath:"#/properties/powerSupplies/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid50 = _errs158 === errors;
if(!valid50){
break;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/powerSupplies",schemaPath:"#/properties/powerSupplies/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs156 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.processors !== undefined){
let data68 = data.processors;
const _errs178 = errors;
if(errors === _errs178){
if(Array.isArray(data68)){
var valid58 = true;
const len9 = data68.length;
for(let i11=0; i11<len9; i11++){
let data69 = data68[i11];
const _errs180 = errors;
if(errors === _errs180){
if(data69 && typeof data69 == "object" && !Array.isArray(data69)){
let missing7;
if(((data69.id === undefined) && (missing7 = "id")) || ((data69.label === undefined) && (missing7 = "label"))){
validate20.errors = [{instancePath:instancePath+"/processors/" + i11,schemaPath:"#/properties/processors/items/required",keyword:"required",params:{missingProperty: missing7},message:"must have required property '"+missing7+"'"}];
return false;
}
else {
const _errs182 = errors;
for(const key9 in data69){
if(!((((((((key9 === "id") || (key9 === "label")) || (key9 === "manufacturer")) || (key9 === "model")) || (key9 === "cores")) || (key9 === "threads")) || (key9 === "maxSpeedMHz")) || (key9 === "currentSpeedMHz"))){
validate20.errors = [{instancePath:instancePath+"/processors/" + i11,schemaPath:"#/properties/processors/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs182 === errors){
if(data69.id !== undefined){
let data70 = data69.id;
const _errs183 = errors;
const _errs184 = errors;
if(errors === _errs184){
if(typeof data70 === "string"){
if(func2(data70) > 200){
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/id",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data70) < 1){
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/id",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data70)){
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/id",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/id",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid59 = _errs183 === errors;
}
else {
var valid59 = true;
}
if(valid59){
if(data69.label !== undefined){
let data71 = data69.label;
const _errs186 = errors;
const _errs187 = errors;
if(errors === _errs187){
if(typeof data71 === "string"){
if(func2(data71) > 256){
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/label",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data71) < 1){
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/label",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/label",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid59 = _errs186 === errors;
}
else {
var valid59 = true;
}
if(valid59){
if(data69.manufacturer !== undefined){
let data72 = data69.manufacturer;
const _errs189 = errors;
const _errs190 = errors;
if(errors === _errs190){
if(typeof data72 === "string"){
if(func2(data72) > 256){
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/manufacturer",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data72) < 1){
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/manufacturer",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/manufacturer",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid59 = _errs189 === errors;
}
else {
var valid59 = true;
}
if(valid59){
if(data69.model !== undefined){
let data73 = data69.model;
const _errs192 = errors;
const _errs193 = errors;
if(errors === _errs193){
if(typeof data73 === "string"){
if(func2(data73) > 256){
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/model",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data73) < 1){
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/model",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/model",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid59 = _errs192 === errors;
}
else {
var valid59 = true;
}
if(valid59){
if(data69.cores !== undefined){
let data74 = data69.cores;
const _errs195 = errors;
if(!(((typeof data74 == "number") && (!(data74 % 1) && !isNaN(data74))) && (isFinite(data74)))){
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/cores",schemaPath:"#/properties/processors/items/properties/cores/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs195){
if((typeof data74 == "number") && (isFinite(data74))){
if(data74 < 1 || isNaN(data74)){
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/cores",schemaPath:"#/properties/processors/items/properties/cores/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
var valid59 = _errs195 === errors;
}
else {
var valid59 = true;
}
if(valid59){
if(data69.threads !== undefined){
let data75 = data69.threads;
const _errs197 = errors;
if(!(((typeof data75 == "number") && (!(data75 % 1) && !isNaN(data75))) && (isFinite(data75)))){
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/threads",schemaPath:"#/properties/processors/items/properties/threads/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs197){
if((typeof data75 == "number") && (isFinite(data75))){
if(data75 < 1 || isNaN(data75)){
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/threads",schemaPath:"#/properties/processors/items/properties/threads/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
var valid59 = _errs197 === errors;
}
else {
var valid59 = true;
}
if(valid59){
if(data69.maxSpeedMHz !== undefined){
let data76 = data69.maxSpeedMHz;
const _errs199 = errors;
if(errors === _errs199){
if((typeof data76 == "number") && (isFinite(data76))){
if(data76 < 0 || isNaN(data76)){
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/maxSpeedMHz",schemaPath:"#/properties/processors/items/properties/maxSpeedMHz/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
else {
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/maxSpeedMHz",schemaPath:"#/properties/processors/items/properties/maxSpeedMHz/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid59 = _errs199 === errors;
}
else {
var valid59 = true;
}
if(valid59){
if(data69.currentSpeedMHz !== undefined){
let data77 = data69.currentSpeedMHz;
const _errs201 = errors;
if(errors === _errs201){
if((typeof data77 == "number") && (isFinite(data77))){
if(data77 < 0 || isNaN(data77)){
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/currentSpeedMHz",schemaPath:"#/properties/processors/items/properties/currentSpeedMHz/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
else {
validate20.errors = [{instancePath:instancePath+"/processors/" + i11+"/currentSpeedMHz",schemaPath:"#/properties/processors/items/properties/currentSpeedMHz/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid59 = _errs201 === errors;
}
else {
var valid59 = true;
}
}
}
}
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/processors/" + i11,schemaPath:"#/properties/processors/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid58 = _errs180 === errors;
if(!valid58){
break;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/processors",schemaPath:"#/properties/processors/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs178 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.memory !== undefined){
let data78 = data.memory;
const _errs203 = errors;
if(errors === _errs203){
if(Array.isArray(data78)){
var valid64 = true;
const len10 = data78.length;
for(let i12=0; i12<len10; i12++){
let data79 = data78[i12];
const _errs205 = errors;
if(errors === _errs205){
if(data79 && typeof data79 == "object" && !Array.isArray(data79)){
let missing8;
if((((data79.id === undefined) && (missing8 = "id")) || ((data79.label === undefined) && (missing8 = "label"))) || ((data79.capacity === undefined) && (missing8 = "capacity"))){
validate20.errors = [{instancePath:instancePath+"/memory/" + i12,schemaPath:"#/properties/memory/items/required",keyword:"required",params:{missingProperty: missing8},message:"must have required property '"+missing8+"'"}];
return false;
}
else {
const _errs207 = errors;
for(const key10 in data79){
if(!((((((((key10 === "id") || (key10 === "label")) || (key10 === "capacity")) || (key10 === "type")) || (key10 === "speedMHz")) || (key10 === "manufacturer")) || (key10 === "serialNumber")) || (key10 === "partNumber"))){
validate20.errors = [{instancePath:instancePath+"/memory/" + i12,schemaPath:"#/properties/memory/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs207 === errors){
if(data79.id !== undefined){
let data80 = data79.id;
const _errs208 = errors;
const _errs209 = errors;
if(errors === _errs209){
if(typeof data80 === "string"){
if(func2(data80) > 200){
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/id",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data80) < 1){
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/id",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data80)){
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/id",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/id",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid65 = _errs208 === errors;
}
else {
var valid65 = true;
}
if(valid65){
if(data79.label !== undefined){
let data81 = data79.label;
const _errs211 = errors;
const _errs212 = errors;
if(errors === _errs212){
if(typeof data81 === "string"){
if(func2(data81) > 256){
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/label",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data81) < 1){
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/label",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/label",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid65 = _errs211 === errors;
}
else {
var valid65 = true;
}
if(valid65){
if(data79.capacity !== undefined){
let data82 = data79.capacity;
const _errs214 = errors;
if(!(((typeof data82 == "number") && (!(data82 % 1) && !isNaN(data82))) && (isFinite(data82)))){
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/capacity",schemaPath:"#/properties/memory/items/properties/capacity/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs214){
if((typeof data82 == "number") && (isFinite(data82))){
if(data82 < 0 || isNaN(data82)){
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/capacity",schemaPath:"#/properties/memory/items/properties/capacity/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
var valid65 = _errs214 === errors;
}
else {
var valid65 = true;
}
if(valid65){
if(data79.type !== undefined){
let data83 = data79.type;
const _errs216 = errors;
const _errs217 = errors;
if(errors === _errs217){
if(typeof data83 === "string"){
if(func2(data83) > 256){
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/type",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data83) < 1){
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/type",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/type",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid65 = _errs216 === errors;
}
else {
var valid65 = true;
}
if(valid65){
if(data79.speedMHz !== undefined){
let data84 = data79.speedMHz;
const _errs219 = errors;
if(errors === _errs219){
if((typeof data84 == "number") && (isFinite(data84))){
if(data84 < 0 || isNaN(data84)){
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/speedMHz",schemaPath:"#/properties/memory/items/properties/speedMHz/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
else {
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/speedMHz",schemaPath:"#/properties/memory/items/properties/speedMHz/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid65 = _errs219 === errors;
}
else {
var valid65 = true;
}
if(valid65){
if(data79.manufacturer !== undefined){
let data85 = data79.manufacturer;
const _errs221 = errors;
const _errs222 = errors;
if(errors === _errs222){
if(typeof data85 === "string"){
if(func2(data85) > 256){
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/manufacturer",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data85) < 1){
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/manufacturer",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/manufacturer",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid65 = _errs221 === errors;
}
else {
var valid65 = true;
}
if(valid65){
if(data79.serialNumber !== undefined){
let data86 = data79.serialNumber;
const _errs224 = errors;
const _errs225 = errors;
if(errors === _errs225){
if(typeof data86 === "string"){
if(func2(data86) > 256){
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/serialNumber",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data86) < 1){
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/serialNumber",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/serialNumber",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid65 = _errs224 === errors;
}
else {
var valid65 = true;
}
if(valid65){
if(data79.partNumber !== undefined){
let data87 = data79.partNumber;
const _errs227 = errors;
const _errs228 = errors;
if(errors === _errs228){
if(typeof data87 === "string"){
if(func2(data87) > 256){
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/partNumber",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data87) < 1){
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/partNumber",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/memory/" + i12+"/partNumber",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid65 = _errs227 === errors;
}
else {
var valid65 = true;
}
}
}
}
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/memory/" + i12,schemaPath:"#/properties/memory/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid64 = _errs205 === errors;
if(!valid64){
break;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/memory",schemaPath:"#/properties/memory/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs203 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.batteries !== undefined){
let data88 = data.batteries;
const _errs230 = errors;
if(errors === _errs230){
if(Array.isArray(data88)){
var valid72 = true;
const len11 = data88.length;
for(let i13=0; i13<len11; i13++){
let data89 = data88[i13];
const _errs232 = errors;
if(errors === _errs232){
if(data89 && typeof data89 == "object" && !Array.isArray(data89)){
let missing9;
if(((data89.id === undefined) && (missing9 = "id")) || ((data89.label === undefined) && (missing9 = "label"))){
validate20.errors = [{instancePath:instancePath+"/batteries/" + i13,schemaPath:"#/properties/batteries/items/required",keyword:"required",params:{missingProperty: missing9},message:"must have required property '"+missing9+"'"}];
return false;
}
else {
const _errs234 = errors;
for(const key11 in data89){
if(!((((key11 === "id") || (key11 === "label")) || (key11 === "chargePercent")) || (key11 === "charging"))){
validate20.errors = [{instancePath:instancePath+"/batteries/" + i13,schemaPath:"#/properties/batteries/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs234 === errors){
if(data89.id !== undefined){
let data90 = data89.id;
const _errs235 = errors;
const _errs236 = errors;
if(errors === _errs236){
if(typeof data90 === "string"){
if(func2(data90) > 200){
validate20.errors = [{instancePath:instancePath+"/batteries/" + i13+"/id",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data90) < 1){
validate20.errors = [{instancePath:instancePath+"/batteries/" + i13+"/id",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data90)){
validate20.errors = [{instancePath:instancePath+"/batteries/" + i13+"/id",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/batteries/" + i13+"/id",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid73 = _errs235 === errors;
}
else {
var valid73 = true;
}
if(valid73){
if(data89.label !== undefined){
let data91 = data89.label;
const _errs238 = errors;
const _errs239 = errors;
if(errors === _errs239){
if(typeof data91 === "string"){
if(func2(data91) > 256){
validate20.errors = [{instancePath:instancePath+"/batteries/" + i13+"/label",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data91) < 1){
validate20.errors = [{instancePath:instancePath+"/batteries/" + i13+"/label",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/batteries/" + i13+"/label",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid73 = _errs238 === errors;
}
else {
var valid73 = true;
}
if(valid73){
if(data89.chargePercent !== undefined){
let data92 = data89.chargePercent;
const _errs241 = errors;
if(errors === _errs241){
if((typeof data92 == "number") && (isFinite(data92))){
if(data92 > 100 || isNaN(data92)){
validate20.errors = [{instancePath:instancePath+"/batteries/" + i13+"/chargePercent",schemaPath:"#/properties/batteries/items/properties/chargePercent/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100"}];
return false;
}
else {
if(data92 < 0 || isNaN(data92)){
validate20.errors = [{instancePath:instancePath+"/batteries/" + i13+"/chargePercent",schemaPath:"#/properties/batteries/items/properties/chargePercent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/batteries/" + i13+"/chargePercent",schemaPath:"#/properties/batteries/items/properties/chargePercent/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid73 = _errs241 === errors;
}
else {
var valid73 = true;
}
if(valid73){
if(data89.charging !== undefined){
const _errs243 = errors;
if(typeof data89.charging !== "boolean"){
validate20.errors = [{instancePath:instancePath+"/batteries/" + i13+"/charging",schemaPath:"#/properties/batteries/items/properties/charging/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"}];
return false;
}
var valid73 = _errs243 === errors;
}
else {
var valid73 = true;
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/batteries/" + i13,schemaPath:"#/properties/batteries/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid72 = _errs232 === errors;
if(!valid72){
break;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/batteries",schemaPath:"#/properties/batteries/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs230 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.redundancy !== undefined){
let data94 = data.redundancy;
const _errs245 = errors;
if(errors === _errs245){
if(Array.isArray(data94)){
var valid76 = true;
const len12 = data94.length;
for(let i14=0; i14<len12; i14++){
let data95 = data94[i14];
const _errs247 = errors;
if(errors === _errs247){
if(data95 && typeof data95 == "object" && !Array.isArray(data95)){
let missing10;
if(((((data95.id === undefined) && (missing10 = "id")) || ((data95.label === undefined) && (missing10 = "label"))) || ((data95.kind === undefined) && (missing10 = "kind"))) || ((data95.minNeeded === undefined) && (missing10 = "minNeeded"))){
validate20.errors = [{instancePath:instancePath+"/redundancy/" + i14,schemaPath:"#/properties/redundancy/items/required",keyword:"required",params:{missingProperty: missing10},message:"must have required property '"+missing10+"'"}];
return false;
}
else {
const _errs249 = errors;
for(const key12 in data95){
if(!((((key12 === "id") || (key12 === "label")) || (key12 === "kind")) || (key12 === "minNeeded"))){
validate20.errors = [{instancePath:instancePath+"/redundancy/" + i14,schemaPath:"#/properties/redundancy/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs249 === errors){
if(data95.id !== undefined){
let data96 = data95.id;
const _errs250 = errors;
const _errs251 = errors;
if(errors === _errs251){
if(typeof data96 === "string"){
if(func2(data96) > 200){
validate20.errors = [{instancePath:instancePath+"/redundancy/" + i14+"/id",schemaPath:"#/$defs/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"}];
return false;
}
else {
if(func2(data96) < 1){
validate20.errors = [{instancePath:instancePath+"/redundancy/" + i14+"/id",schemaPath:"#/$defs/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
else {
if(!pattern4.test(data96)){
validate20.errors = [{instancePath:instancePath+"/redundancy/" + i14+"/id",schemaPath:"#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[^#\\s]+$"},message:"must match pattern \""+"^[^#\\s]+$"+"\""}];
return false;
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/redundancy/" + i14+"/id",schemaPath:"#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid77 = _errs250 === errors;
}
else {
var valid77 = true;
}
if(valid77){
if(data95.label !== undefined){
let data97 = data95.label;
const _errs253 = errors;
const _errs254 = errors;
if(errors === _errs254){
if(typeof data97 === "string"){
if(func2(data97) > 256){
validate20.errors = [{instancePath:instancePath+"/redundancy/" + i14+"/label",schemaPath:"#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
else {
if(func2(data97) < 1){
validate20.errors = [{instancePath:instancePath+"/redundancy/" + i14+"/label",schemaPath:"#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/redundancy/" + i14+"/label",schemaPath:"#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid77 = _errs253 === errors;
}
else {
var valid77 = true;
}
if(valid77){
if(data95.kind !== undefined){
let data98 = data95.kind;
const _errs256 = errors;
if(!((data98 === "fan") || (data98 === "powerSupply"))){
validate20.errors = [{instancePath:instancePath+"/redundancy/" + i14+"/kind",schemaPath:"#/properties/redundancy/items/properties/kind/enum",keyword:"enum",params:{allowedValues: schema31.properties.redundancy.items.properties.kind.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid77 = _errs256 === errors;
}
else {
var valid77 = true;
}
if(valid77){
if(data95.minNeeded !== undefined){
let data99 = data95.minNeeded;
const _errs257 = errors;
if(!(((typeof data99 == "number") && (!(data99 % 1) && !isNaN(data99))) && (isFinite(data99)))){
validate20.errors = [{instancePath:instancePath+"/redundancy/" + i14+"/minNeeded",schemaPath:"#/properties/redundancy/items/properties/minNeeded/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs257){
if((typeof data99 == "number") && (isFinite(data99))){
if(data99 < 1 || isNaN(data99)){
validate20.errors = [{instancePath:instancePath+"/redundancy/" + i14+"/minNeeded",schemaPath:"#/properties/redundancy/items/properties/minNeeded/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
var valid77 = _errs257 === errors;
}
else {
var valid77 = true;
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/redundancy/" + i14,schemaPath:"#/properties/redundancy/items/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid76 = _errs247 === errors;
if(!valid76){
break;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/redundancy",schemaPath:"#/properties/redundancy/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid0 = _errs245 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.timeline !== undefined){
let data100 = data.timeline;
const _errs259 = errors;
if(errors === _errs259){
if(data100 && typeof data100 == "object" && !Array.isArray(data100)){
let missing11;
if((data100.events === undefined) && (missing11 = "events")){
validate20.errors = [{instancePath:instancePath+"/timeline",schemaPath:"#/properties/timeline/required",keyword:"required",params:{missingProperty: missing11},message:"must have required property '"+missing11+"'"}];
return false;
}
else {
const _errs261 = errors;
for(const key13 in data100){
if(!((key13 === "loopSeconds") || (key13 === "events"))){
validate20.errors = [{instancePath:instancePath+"/timeline",schemaPath:"#/properties/timeline/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key13},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs261 === errors){
if(data100.loopSeconds !== undefined){
let data101 = data100.loopSeconds;
const _errs262 = errors;
if(errors === _errs262){
if((typeof data101 == "number") && (isFinite(data101))){
if(data101 <= 0 || isNaN(data101)){
validate20.errors = [{instancePath:instancePath+"/timeline/loopSeconds",schemaPath:"#/properties/timeline/properties/loopSeconds/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0"}];
return false;
}
}
else {
validate20.errors = [{instancePath:instancePath+"/timeline/loopSeconds",schemaPath:"#/properties/timeline/properties/loopSeconds/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid80 = _errs262 === errors;
}
else {
var valid80 = true;
}
if(valid80){
if(data100.events !== undefined){
let data102 = data100.events;
const _errs264 = errors;
if(errors === _errs264){
if(Array.isArray(data102)){
var valid81 = true;
const len13 = data102.length;
for(let i15=0; i15<len13; i15++){
const _errs266 = errors;
if(!(validate26(data102[i15], {instancePath:instancePath+"/timeline/events/" + i15,parentData:data102,parentDataProperty:i15,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
var valid81 = _errs266 === errors;
if(!valid81){
break;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/timeline/events",schemaPath:"#/properties/timeline/properties/events/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid80 = _errs264 === errors;
}
else {
var valid80 = true;
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/timeline",schemaPath:"#/properties/timeline/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs259 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};
