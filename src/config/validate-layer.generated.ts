// @ts-nocheck
// GENERATED: do not edit. ajv's standalone validation code (ajv/dist/standalone) for
// VALIDATION_SCHEMA of src/config/table.ts, so that no ajv compiler is loaded nor schema compiled at run time.
// Written by test/config/validator.test.ts;
// regenerate with: UPDATE_DOCS=1 npx tap test/config/validator.test.ts
import runtime0 from 'ajv/dist/runtime/ucs2length.js';
export const validate = validate10;
export default validate10;
const schema11 = {"type":"object","properties":{"host":{"type":"string","minLength":1,"maxLength":255},"httpPort":{"type":"integer","minimum":0,"maximum":65535},"httpsPort":{"type":"integer","minimum":0,"maximum":65535},"httpOpen":{"type":"boolean"},"tls":{"type":"object","properties":{"cert":{"type":"string","minLength":1,"maxLength":4096},"key":{"type":"string","minLength":1,"maxLength":4096},"ca":{"type":"string","minLength":1,"maxLength":4096},"clientCertUsers":{"type":"object","maxProperties":4096,"additionalProperties":{"type":"string","minLength":1,"maxLength":256},"propertyNames":{"pattern":"^.{1,256}$"}},"minVersion":{"type":"string","enum":["TLSv1.2","TLSv1.3"]}},"additionalProperties":false},"stateDir":{"type":"string","minLength":1,"maxLength":4096},"users":{"type":"string","minLength":1,"maxLength":4096},"auth":{"type":"string","enum":["basic","none"]},"authLoopback":{"type":"boolean"},"anonymousWrite":{"type":"boolean"},"allowedHosts":{"type":"array","items":{"type":"string","minLength":1,"maxLength":4096},"minItems":0,"maxItems":256},"healthzOpen":{"type":"boolean"},"limits":{"type":"object","properties":{"bodyBytes":{"type":"integer","minimum":1024,"maximum":1073741824},"headerBytes":{"type":"integer","minimum":1024,"maximum":1048576},"connections":{"type":"integer","minimum":1,"maximum":1000000},"connectionsPerAddress":{"type":"integer","minimum":1,"maximum":1000000},"handshakeTimeoutMs":{"type":"integer","minimum":100,"maximum":600000},"firstRequestTimeoutMs":{"type":"integer","minimum":100,"maximum":600000},"concurrentOperations":{"type":"integer","minimum":1,"maximum":100000},"enumerationContexts":{"type":"integer","minimum":1,"maximum":1000000},"enumerationContextsPerUser":{"type":"integer","minimum":1,"maximum":1000000},"enumerationContextsAnonymous":{"type":"integer","minimum":1,"maximum":1000000},"requestTimeoutMs":{"type":"integer","minimum":100,"maximum":3600000},"maxObjectCount":{"type":"integer","minimum":1,"maximum":10000000},"enumerationTimeoutSec":{"type":"integer","minimum":1,"maximum":86400},"enumerationTimeoutMaxSec":{"type":"integer","minimum":1,"maximum":86400},"maxInstancesPerResponse":{"type":"integer","minimum":1,"maximum":100000000},"encodeCacheBytes":{"type":"integer","minimum":0,"maximum":68719476736},"xmlDepth":{"type":"integer","minimum":8,"maximum":1024},"xmlAttributes":{"type":"integer","minimum":4,"maximum":1024},"xmlElements":{"type":"integer","minimum":64,"maximum":10000000},"xmlElementsPerKib":{"type":"integer","minimum":8,"maximum":1024},"queryDepth":{"type":"integer","minimum":1,"maximum":1024},"authFailuresPerMinute":{"type":"integer","minimum":0,"maximum":100000},"authFailureAddresses":{"type":"integer","minimum":1,"maximum":10000000},"authCacheSec":{"type":"integer","minimum":0,"maximum":3600},"authCacheEntries":{"type":"integer","minimum":1,"maximum":1000000},"passwordChecks":{"type":"integer","minimum":1,"maximum":64}},"additionalProperties":false},"providers":{"type":"array","items":{"type":"string","minLength":1,"maxLength":4096},"minItems":1,"maxItems":256},"hwmon":{"type":"object","properties":{"root":{"type":"string","minLength":1,"maxLength":4096},"interval":{"type":"number","minimum":0.1,"maximum":86400}},"additionalProperties":false},"ipmi":{"type":"object","properties":{"tool":{"type":"string","minLength":1,"maxLength":4096},"host":{"type":"string","minLength":1,"maxLength":255},"user":{"type":"string","minLength":1,"maxLength":64},"password":{"type":"string","minLength":1,"maxLength":256},"passwordFile":{"type":"string","minLength":1,"maxLength":4096},"interface":{"type":"string","minLength":1,"maxLength":32,"pattern":"^[a-z][a-z0-9-]*$"},"sdrFile":{"type":"string","minLength":1,"maxLength":4096},"sensorFile":{"type":"string","minLength":1,"maxLength":4096},"fruFile":{"type":"string","minLength":1,"maxLength":4096},"ipmitoolVersion":{"type":"string","minLength":1,"maxLength":32,"pattern":"^[0-9]+\\.[0-9]+\\.[0-9]+$"},"port":{"type":"integer","minimum":1,"maximum":65535},"interval":{"type":"number","minimum":0.1,"maximum":86400}},"additionalProperties":false},"simulated":{"type":"object","properties":{"sensors":{"type":"integer","minimum":0,"maximum":100000},"scenario":{"type":"string","minLength":1,"maxLength":4096},"interval":{"type":"number","minimum":0.1,"maximum":86400},"timeScale":{"type":"number","minimum":0.001,"maximum":3600}},"additionalProperties":false},"indications":{"type":"object","properties":{"retryAttempts":{"type":"integer","minimum":0,"maximum":100},"retryInterval":{"type":"number","minimum":0.01,"maximum":86400},"timeout":{"type":"number","minimum":0.1,"maximum":600},"queueSize":{"type":"integer","minimum":1,"maximum":1000000},"maxSubscriptions":{"type":"integer","minimum":1,"maximum":100000},"removalAction":{"type":"string","enum":["remove","disable","ignore"]},"removalInterval":{"type":"number","minimum":1,"maximum":315360000},"allowedNetworks":{"type":"array","items":{"type":"string","minLength":1,"maxLength":4096},"minItems":0,"maxItems":256},"caFile":{"type":"string","minLength":1,"maxLength":4096},"fingerprint":{"type":"string","minLength":1,"maxLength":128},"insecure":{"type":"boolean"}},"additionalProperties":false},"sysinfo":{"type":"object","properties":{"interval":{"type":"number","minimum":0.1,"maximum":86400}},"additionalProperties":false},"providerOptions":{"type":"object","additionalProperties":{"type":"object"}},"schemaDir":{"type":"array","items":{"type":"string","minLength":1,"maxLength":4096},"minItems":0,"maxItems":256},"cacheDir":{"type":"string","minLength":1,"maxLength":4096},"log":{"type":"object","properties":{"level":{"type":"string","enum":["fatal","error","warn","info","debug","trace","silent"]},"pretty":{"type":"boolean"}},"additionalProperties":false},"metrics":{"type":"boolean"},"page":{"type":"boolean"},"history":{"type":"object","properties":{"seconds":{"type":"integer","minimum":0,"maximum":604800},"points":{"type":"integer","minimum":2,"maximum":100000}},"additionalProperties":false},"snmp":{"type":"object","properties":{"targets":{"type":"array","maxItems":64,"items":{"type":"object","required":["address"],"additionalProperties":false,"properties":{"address":{"type":"string","pattern":"^udp:(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):([0-9]{1,5})$","maxLength":300},"notification":{"type":"string","enum":["trap","inform"]},"version":{"enum":["1","2c","3",1,3]},"community":{"type":"string","minLength":1,"maxLength":256},"communityFile":{"type":"string","pattern":"^/","maxLength":4096},"communityEnv":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$","maxLength":128},"user":{"type":"string","minLength":1,"maxLength":32},"authProtocol":{"type":"string","enum":["md5","sha","sha224","sha256","sha384","sha512"]},"authKey":{"type":"string","minLength":8,"maxLength":256},"authKeyFile":{"type":"string","pattern":"^/","maxLength":4096},"authKeyEnv":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$","maxLength":128},"privProtocol":{"type":"string","enum":["des","aes","aes256b","aes256r"]},"privKey":{"type":"string","minLength":8,"maxLength":256},"privKeyFile":{"type":"string","pattern":"^/","maxLength":4096},"privKeyEnv":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$","maxLength":128},"retries":{"type":"integer","minimum":0,"maximum":20},"timeoutMs":{"type":"integer","minimum":100,"maximum":600000},"agentAddress":{"type":"string","maxLength":15}}}},"community":{"type":"string","minLength":1,"maxLength":256},"enterpriseOid":{"type":"string","minLength":1,"maxLength":256,"pattern":"^1\\.3\\.6\\.1(\\.(0|[1-9][0-9]{0,9})){1,24}$"},"engineId":{"type":"string","minLength":1,"maxLength":4096,"pattern":"^(0x)?([0-9A-Fa-f]{2}){5,32}$"},"queue":{"type":"integer","minimum":1,"maximum":1000000}},"additionalProperties":false},"footprint":{"type":"string","enum":["balanced","lean"]},"shutdownGraceMs":{"type":"integer","minimum":0,"maximum":600000},"staleAfterSec":{"type":"number","minimum":1,"maximum":86400}},"additionalProperties":false};
const func2 = Object.prototype.hasOwnProperty;
const func3 = runtime0.default;
const pattern0 = new RegExp("^.{1,256}$", "u");
const pattern1 = new RegExp("^[a-z][a-z0-9-]*$", "u");
const pattern2 = new RegExp("^[0-9]+\\.[0-9]+\\.[0-9]+$", "u");
const pattern3 = new RegExp("^udp:(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):([0-9]{1,5})$", "u");
const pattern4 = new RegExp("^/", "u");
const pattern5 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*$", "u");
const pattern10 = new RegExp("^1\\.3\\.6\\.1(\\.(0|[1-9][0-9]{0,9})){1,24}$", "u");
const pattern11 = new RegExp("^(0x)?([0-9A-Fa-f]{2}){5,32}$", "u");

function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema11.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.host !== undefined){
let data0 = data.host;
if(typeof data0 === "string"){
if(func3(data0) > 255){
const err1 = {instancePath:instancePath+"/host",schemaPath:"#/properties/host/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema11.properties.host,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(func3(data0) < 1){
const err2 = {instancePath:instancePath+"/host",schemaPath:"#/properties/host/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.host,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/host",schemaPath:"#/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.host.type,parentSchema:schema11.properties.host,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.httpPort !== undefined){
let data1 = data.httpPort;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err4 = {instancePath:instancePath+"/httpPort",schemaPath:"#/properties/httpPort/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.httpPort.type,parentSchema:schema11.properties.httpPort,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 65535 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/httpPort",schemaPath:"#/properties/httpPort/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema11.properties.httpPort,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data1 < 0 || isNaN(data1)){
const err6 = {instancePath:instancePath+"/httpPort",schemaPath:"#/properties/httpPort/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema11.properties.httpPort,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
if(data.httpsPort !== undefined){
let data2 = data.httpsPort;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err7 = {instancePath:instancePath+"/httpsPort",schemaPath:"#/properties/httpsPort/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.httpsPort.type,parentSchema:schema11.properties.httpsPort,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 65535 || isNaN(data2)){
const err8 = {instancePath:instancePath+"/httpsPort",schemaPath:"#/properties/httpsPort/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema11.properties.httpsPort,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data2 < 0 || isNaN(data2)){
const err9 = {instancePath:instancePath+"/httpsPort",schemaPath:"#/properties/httpsPort/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema11.properties.httpsPort,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
if(data.httpOpen !== undefined){
let data3 = data.httpOpen;
if(typeof data3 !== "boolean"){
const err10 = {instancePath:instancePath+"/httpOpen",schemaPath:"#/properties/httpOpen/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.httpOpen.type,parentSchema:schema11.properties.httpOpen,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.tls !== undefined){
let data4 = data.tls;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key1 in data4){
if(!(((((key1 === "cert") || (key1 === "key")) || (key1 === "ca")) || (key1 === "clientCertUsers")) || (key1 === "minVersion"))){
const err11 = {instancePath:instancePath+"/tls",schemaPath:"#/properties/tls/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.tls,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data4.cert !== undefined){
let data5 = data4.cert;
if(typeof data5 === "string"){
if(func3(data5) > 4096){
const err12 = {instancePath:instancePath+"/tls/cert",schemaPath:"#/properties/tls/properties/cert/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.tls.properties.cert,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(func3(data5) < 1){
const err13 = {instancePath:instancePath+"/tls/cert",schemaPath:"#/properties/tls/properties/cert/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.tls.properties.cert,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/tls/cert",schemaPath:"#/properties/tls/properties/cert/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.tls.properties.cert.type,parentSchema:schema11.properties.tls.properties.cert,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data4.key !== undefined){
let data6 = data4.key;
if(typeof data6 === "string"){
if(func3(data6) > 4096){
const err15 = {instancePath:instancePath+"/tls/key",schemaPath:"#/properties/tls/properties/key/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.tls.properties.key,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(func3(data6) < 1){
const err16 = {instancePath:instancePath+"/tls/key",schemaPath:"#/properties/tls/properties/key/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.tls.properties.key,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/tls/key",schemaPath:"#/properties/tls/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.tls.properties.key.type,parentSchema:schema11.properties.tls.properties.key,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data4.ca !== undefined){
let data7 = data4.ca;
if(typeof data7 === "string"){
if(func3(data7) > 4096){
const err18 = {instancePath:instancePath+"/tls/ca",schemaPath:"#/properties/tls/properties/ca/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.tls.properties.ca,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(func3(data7) < 1){
const err19 = {instancePath:instancePath+"/tls/ca",schemaPath:"#/properties/tls/properties/ca/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.tls.properties.ca,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/tls/ca",schemaPath:"#/properties/tls/properties/ca/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.tls.properties.ca.type,parentSchema:schema11.properties.tls.properties.ca,data:data7};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data4.clientCertUsers !== undefined){
let data8 = data4.clientCertUsers;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
if(Object.keys(data8).length > 4096){
const err21 = {instancePath:instancePath+"/tls/clientCertUsers",schemaPath:"#/properties/tls/properties/clientCertUsers/maxProperties",keyword:"maxProperties",params:{limit: 4096},message:"must NOT have more than 4096 properties",schema:4096,parentSchema:schema11.properties.tls.properties.clientCertUsers,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
for(const key2 in data8){
const _errs21 = errors;
if(typeof key2 === "string"){
if(!pattern0.test(key2)){
const err22 = {instancePath:instancePath+"/tls/clientCertUsers",schemaPath:"#/properties/tls/properties/clientCertUsers/propertyNames/pattern",keyword:"pattern",params:{pattern: "^.{1,256}$"},message:"must match pattern \""+"^.{1,256}$"+"\"",schema:"^.{1,256}$",parentSchema:schema11.properties.tls.properties.clientCertUsers.propertyNames,data:key2,propertyName:key2};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
var valid2 = _errs21 === errors;
if(!valid2){
const err23 = {instancePath:instancePath+"/tls/clientCertUsers",schemaPath:"#/properties/tls/properties/clientCertUsers/propertyNames",keyword:"propertyNames",params:{propertyName: key2},message:"property name must be valid",schema:schema11.properties.tls.properties.clientCertUsers.propertyNames,parentSchema:schema11.properties.tls.properties.clientCertUsers,data:data8};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
for(const key3 in data8){
let data9 = data8[key3];
if(typeof data9 === "string"){
if(func3(data9) > 256){
const err24 = {instancePath:instancePath+"/tls/clientCertUsers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/tls/properties/clientCertUsers/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema11.properties.tls.properties.clientCertUsers.additionalProperties,data:data9};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(func3(data9) < 1){
const err25 = {instancePath:instancePath+"/tls/clientCertUsers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/tls/properties/clientCertUsers/additionalProperties/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.tls.properties.clientCertUsers.additionalProperties,data:data9};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/tls/clientCertUsers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/tls/properties/clientCertUsers/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.tls.properties.clientCertUsers.additionalProperties.type,parentSchema:schema11.properties.tls.properties.clientCertUsers.additionalProperties,data:data9};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath:instancePath+"/tls/clientCertUsers",schemaPath:"#/properties/tls/properties/clientCertUsers/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.tls.properties.clientCertUsers.type,parentSchema:schema11.properties.tls.properties.clientCertUsers,data:data8};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data4.minVersion !== undefined){
let data10 = data4.minVersion;
if(typeof data10 !== "string"){
const err28 = {instancePath:instancePath+"/tls/minVersion",schemaPath:"#/properties/tls/properties/minVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.tls.properties.minVersion.type,parentSchema:schema11.properties.tls.properties.minVersion,data:data10};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(!((data10 === "TLSv1.2") || (data10 === "TLSv1.3"))){
const err29 = {instancePath:instancePath+"/tls/minVersion",schemaPath:"#/properties/tls/properties/minVersion/enum",keyword:"enum",params:{allowedValues: schema11.properties.tls.properties.minVersion.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.tls.properties.minVersion.enum,parentSchema:schema11.properties.tls.properties.minVersion,data:data10};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath:instancePath+"/tls",schemaPath:"#/properties/tls/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.tls.type,parentSchema:schema11.properties.tls,data:data4};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.stateDir !== undefined){
let data11 = data.stateDir;
if(typeof data11 === "string"){
if(func3(data11) > 4096){
const err31 = {instancePath:instancePath+"/stateDir",schemaPath:"#/properties/stateDir/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.stateDir,data:data11};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(func3(data11) < 1){
const err32 = {instancePath:instancePath+"/stateDir",schemaPath:"#/properties/stateDir/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.stateDir,data:data11};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/stateDir",schemaPath:"#/properties/stateDir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.stateDir.type,parentSchema:schema11.properties.stateDir,data:data11};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data.users !== undefined){
let data12 = data.users;
if(typeof data12 === "string"){
if(func3(data12) > 4096){
const err34 = {instancePath:instancePath+"/users",schemaPath:"#/properties/users/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.users,data:data12};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if(func3(data12) < 1){
const err35 = {instancePath:instancePath+"/users",schemaPath:"#/properties/users/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.users,data:data12};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
else {
const err36 = {instancePath:instancePath+"/users",schemaPath:"#/properties/users/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.users.type,parentSchema:schema11.properties.users,data:data12};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data.auth !== undefined){
let data13 = data.auth;
if(typeof data13 !== "string"){
const err37 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.auth.type,parentSchema:schema11.properties.auth,data:data13};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(!((data13 === "basic") || (data13 === "none"))){
const err38 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/enum",keyword:"enum",params:{allowedValues: schema11.properties.auth.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.auth.enum,parentSchema:schema11.properties.auth,data:data13};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data.authLoopback !== undefined){
let data14 = data.authLoopback;
if(typeof data14 !== "boolean"){
const err39 = {instancePath:instancePath+"/authLoopback",schemaPath:"#/properties/authLoopback/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.authLoopback.type,parentSchema:schema11.properties.authLoopback,data:data14};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data.anonymousWrite !== undefined){
let data15 = data.anonymousWrite;
if(typeof data15 !== "boolean"){
const err40 = {instancePath:instancePath+"/anonymousWrite",schemaPath:"#/properties/anonymousWrite/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.anonymousWrite.type,parentSchema:schema11.properties.anonymousWrite,data:data15};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data.allowedHosts !== undefined){
let data16 = data.allowedHosts;
if(Array.isArray(data16)){
if(data16.length > 256){
const err41 = {instancePath:instancePath+"/allowedHosts",schemaPath:"#/properties/allowedHosts/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema11.properties.allowedHosts,data:data16};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(data16.length < 0){
const err42 = {instancePath:instancePath+"/allowedHosts",schemaPath:"#/properties/allowedHosts/minItems",keyword:"minItems",params:{limit: 0},message:"must NOT have fewer than 0 items",schema:0,parentSchema:schema11.properties.allowedHosts,data:data16};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
const len0 = data16.length;
for(let i0=0; i0<len0; i0++){
let data17 = data16[i0];
if(typeof data17 === "string"){
if(func3(data17) > 4096){
const err43 = {instancePath:instancePath+"/allowedHosts/" + i0,schemaPath:"#/properties/allowedHosts/items/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.allowedHosts.items,data:data17};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
if(func3(data17) < 1){
const err44 = {instancePath:instancePath+"/allowedHosts/" + i0,schemaPath:"#/properties/allowedHosts/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.allowedHosts.items,data:data17};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
else {
const err45 = {instancePath:instancePath+"/allowedHosts/" + i0,schemaPath:"#/properties/allowedHosts/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.allowedHosts.items.type,parentSchema:schema11.properties.allowedHosts.items,data:data17};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
else {
const err46 = {instancePath:instancePath+"/allowedHosts",schemaPath:"#/properties/allowedHosts/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.allowedHosts.type,parentSchema:schema11.properties.allowedHosts,data:data16};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data.healthzOpen !== undefined){
let data18 = data.healthzOpen;
if(typeof data18 !== "boolean"){
const err47 = {instancePath:instancePath+"/healthzOpen",schemaPath:"#/properties/healthzOpen/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.healthzOpen.type,parentSchema:schema11.properties.healthzOpen,data:data18};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data.limits !== undefined){
let data19 = data.limits;
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
for(const key4 in data19){
if(!(func2.call(schema11.properties.limits.properties, key4))){
const err48 = {instancePath:instancePath+"/limits",schemaPath:"#/properties/limits/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.limits,data:data19};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data19.bodyBytes !== undefined){
let data20 = data19.bodyBytes;
if(!(((typeof data20 == "number") && (!(data20 % 1) && !isNaN(data20))) && (isFinite(data20)))){
const err49 = {instancePath:instancePath+"/limits/bodyBytes",schemaPath:"#/properties/limits/properties/bodyBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.bodyBytes.type,parentSchema:schema11.properties.limits.properties.bodyBytes,data:data20};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if((typeof data20 == "number") && (isFinite(data20))){
if(data20 > 1073741824 || isNaN(data20)){
const err50 = {instancePath:instancePath+"/limits/bodyBytes",schemaPath:"#/properties/limits/properties/bodyBytes/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1073741824},message:"must be <= 1073741824",schema:1073741824,parentSchema:schema11.properties.limits.properties.bodyBytes,data:data20};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
if(data20 < 1024 || isNaN(data20)){
const err51 = {instancePath:instancePath+"/limits/bodyBytes",schemaPath:"#/properties/limits/properties/bodyBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1024},message:"must be >= 1024",schema:1024,parentSchema:schema11.properties.limits.properties.bodyBytes,data:data20};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
}
if(data19.headerBytes !== undefined){
let data21 = data19.headerBytes;
if(!(((typeof data21 == "number") && (!(data21 % 1) && !isNaN(data21))) && (isFinite(data21)))){
const err52 = {instancePath:instancePath+"/limits/headerBytes",schemaPath:"#/properties/limits/properties/headerBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.headerBytes.type,parentSchema:schema11.properties.limits.properties.headerBytes,data:data21};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
if((typeof data21 == "number") && (isFinite(data21))){
if(data21 > 1048576 || isNaN(data21)){
const err53 = {instancePath:instancePath+"/limits/headerBytes",schemaPath:"#/properties/limits/properties/headerBytes/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1048576},message:"must be <= 1048576",schema:1048576,parentSchema:schema11.properties.limits.properties.headerBytes,data:data21};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
if(data21 < 1024 || isNaN(data21)){
const err54 = {instancePath:instancePath+"/limits/headerBytes",schemaPath:"#/properties/limits/properties/headerBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1024},message:"must be >= 1024",schema:1024,parentSchema:schema11.properties.limits.properties.headerBytes,data:data21};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
if(data19.connections !== undefined){
let data22 = data19.connections;
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
const err55 = {instancePath:instancePath+"/limits/connections",schemaPath:"#/properties/limits/properties/connections/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.connections.type,parentSchema:schema11.properties.limits.properties.connections,data:data22};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if((typeof data22 == "number") && (isFinite(data22))){
if(data22 > 1000000 || isNaN(data22)){
const err56 = {instancePath:instancePath+"/limits/connections",schemaPath:"#/properties/limits/properties/connections/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema11.properties.limits.properties.connections,data:data22};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
if(data22 < 1 || isNaN(data22)){
const err57 = {instancePath:instancePath+"/limits/connections",schemaPath:"#/properties/limits/properties/connections/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.limits.properties.connections,data:data22};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
}
if(data19.connectionsPerAddress !== undefined){
let data23 = data19.connectionsPerAddress;
if(!(((typeof data23 == "number") && (!(data23 % 1) && !isNaN(data23))) && (isFinite(data23)))){
const err58 = {instancePath:instancePath+"/limits/connectionsPerAddress",schemaPath:"#/properties/limits/properties/connectionsPerAddress/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.connectionsPerAddress.type,parentSchema:schema11.properties.limits.properties.connectionsPerAddress,data:data23};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
if((typeof data23 == "number") && (isFinite(data23))){
if(data23 > 1000000 || isNaN(data23)){
const err59 = {instancePath:instancePath+"/limits/connectionsPerAddress",schemaPath:"#/properties/limits/properties/connectionsPerAddress/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema11.properties.limits.properties.connectionsPerAddress,data:data23};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
if(data23 < 1 || isNaN(data23)){
const err60 = {instancePath:instancePath+"/limits/connectionsPerAddress",schemaPath:"#/properties/limits/properties/connectionsPerAddress/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.limits.properties.connectionsPerAddress,data:data23};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
}
if(data19.handshakeTimeoutMs !== undefined){
let data24 = data19.handshakeTimeoutMs;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
const err61 = {instancePath:instancePath+"/limits/handshakeTimeoutMs",schemaPath:"#/properties/limits/properties/handshakeTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.handshakeTimeoutMs.type,parentSchema:schema11.properties.limits.properties.handshakeTimeoutMs,data:data24};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
if((typeof data24 == "number") && (isFinite(data24))){
if(data24 > 600000 || isNaN(data24)){
const err62 = {instancePath:instancePath+"/limits/handshakeTimeoutMs",schemaPath:"#/properties/limits/properties/handshakeTimeoutMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 600000},message:"must be <= 600000",schema:600000,parentSchema:schema11.properties.limits.properties.handshakeTimeoutMs,data:data24};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if(data24 < 100 || isNaN(data24)){
const err63 = {instancePath:instancePath+"/limits/handshakeTimeoutMs",schemaPath:"#/properties/limits/properties/handshakeTimeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100",schema:100,parentSchema:schema11.properties.limits.properties.handshakeTimeoutMs,data:data24};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
if(data19.firstRequestTimeoutMs !== undefined){
let data25 = data19.firstRequestTimeoutMs;
if(!(((typeof data25 == "number") && (!(data25 % 1) && !isNaN(data25))) && (isFinite(data25)))){
const err64 = {instancePath:instancePath+"/limits/firstRequestTimeoutMs",schemaPath:"#/properties/limits/properties/firstRequestTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.firstRequestTimeoutMs.type,parentSchema:schema11.properties.limits.properties.firstRequestTimeoutMs,data:data25};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
if((typeof data25 == "number") && (isFinite(data25))){
if(data25 > 600000 || isNaN(data25)){
const err65 = {instancePath:instancePath+"/limits/firstRequestTimeoutMs",schemaPath:"#/properties/limits/properties/firstRequestTimeoutMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 600000},message:"must be <= 600000",schema:600000,parentSchema:schema11.properties.limits.properties.firstRequestTimeoutMs,data:data25};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
if(data25 < 100 || isNaN(data25)){
const err66 = {instancePath:instancePath+"/limits/firstRequestTimeoutMs",schemaPath:"#/properties/limits/properties/firstRequestTimeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100",schema:100,parentSchema:schema11.properties.limits.properties.firstRequestTimeoutMs,data:data25};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
}
if(data19.concurrentOperations !== undefined){
let data26 = data19.concurrentOperations;
if(!(((typeof data26 == "number") && (!(data26 % 1) && !isNaN(data26))) && (isFinite(data26)))){
const err67 = {instancePath:instancePath+"/limits/concurrentOperations",schemaPath:"#/properties/limits/properties/concurrentOperations/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.concurrentOperations.type,parentSchema:schema11.properties.limits.properties.concurrentOperations,data:data26};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
if((typeof data26 == "number") && (isFinite(data26))){
if(data26 > 100000 || isNaN(data26)){
const err68 = {instancePath:instancePath+"/limits/concurrentOperations",schemaPath:"#/properties/limits/properties/concurrentOperations/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema11.properties.limits.properties.concurrentOperations,data:data26};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if(data26 < 1 || isNaN(data26)){
const err69 = {instancePath:instancePath+"/limits/concurrentOperations",schemaPath:"#/properties/limits/properties/concurrentOperations/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.limits.properties.concurrentOperations,data:data26};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
if(data19.enumerationContexts !== undefined){
let data27 = data19.enumerationContexts;
if(!(((typeof data27 == "number") && (!(data27 % 1) && !isNaN(data27))) && (isFinite(data27)))){
const err70 = {instancePath:instancePath+"/limits/enumerationContexts",schemaPath:"#/properties/limits/properties/enumerationContexts/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.enumerationContexts.type,parentSchema:schema11.properties.limits.properties.enumerationContexts,data:data27};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
if((typeof data27 == "number") && (isFinite(data27))){
if(data27 > 1000000 || isNaN(data27)){
const err71 = {instancePath:instancePath+"/limits/enumerationContexts",schemaPath:"#/properties/limits/properties/enumerationContexts/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema11.properties.limits.properties.enumerationContexts,data:data27};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
if(data27 < 1 || isNaN(data27)){
const err72 = {instancePath:instancePath+"/limits/enumerationContexts",schemaPath:"#/properties/limits/properties/enumerationContexts/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.limits.properties.enumerationContexts,data:data27};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
}
if(data19.enumerationContextsPerUser !== undefined){
let data28 = data19.enumerationContextsPerUser;
if(!(((typeof data28 == "number") && (!(data28 % 1) && !isNaN(data28))) && (isFinite(data28)))){
const err73 = {instancePath:instancePath+"/limits/enumerationContextsPerUser",schemaPath:"#/properties/limits/properties/enumerationContextsPerUser/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.enumerationContextsPerUser.type,parentSchema:schema11.properties.limits.properties.enumerationContextsPerUser,data:data28};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
if((typeof data28 == "number") && (isFinite(data28))){
if(data28 > 1000000 || isNaN(data28)){
const err74 = {instancePath:instancePath+"/limits/enumerationContextsPerUser",schemaPath:"#/properties/limits/properties/enumerationContextsPerUser/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema11.properties.limits.properties.enumerationContextsPerUser,data:data28};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
if(data28 < 1 || isNaN(data28)){
const err75 = {instancePath:instancePath+"/limits/enumerationContextsPerUser",schemaPath:"#/properties/limits/properties/enumerationContextsPerUser/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.limits.properties.enumerationContextsPerUser,data:data28};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
}
if(data19.enumerationContextsAnonymous !== undefined){
let data29 = data19.enumerationContextsAnonymous;
if(!(((typeof data29 == "number") && (!(data29 % 1) && !isNaN(data29))) && (isFinite(data29)))){
const err76 = {instancePath:instancePath+"/limits/enumerationContextsAnonymous",schemaPath:"#/properties/limits/properties/enumerationContextsAnonymous/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.enumerationContextsAnonymous.type,parentSchema:schema11.properties.limits.properties.enumerationContextsAnonymous,data:data29};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
if((typeof data29 == "number") && (isFinite(data29))){
if(data29 > 1000000 || isNaN(data29)){
const err77 = {instancePath:instancePath+"/limits/enumerationContextsAnonymous",schemaPath:"#/properties/limits/properties/enumerationContextsAnonymous/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema11.properties.limits.properties.enumerationContextsAnonymous,data:data29};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
if(data29 < 1 || isNaN(data29)){
const err78 = {instancePath:instancePath+"/limits/enumerationContextsAnonymous",schemaPath:"#/properties/limits/properties/enumerationContextsAnonymous/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.limits.properties.enumerationContextsAnonymous,data:data29};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
}
if(data19.requestTimeoutMs !== undefined){
let data30 = data19.requestTimeoutMs;
if(!(((typeof data30 == "number") && (!(data30 % 1) && !isNaN(data30))) && (isFinite(data30)))){
const err79 = {instancePath:instancePath+"/limits/requestTimeoutMs",schemaPath:"#/properties/limits/properties/requestTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.requestTimeoutMs.type,parentSchema:schema11.properties.limits.properties.requestTimeoutMs,data:data30};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
if((typeof data30 == "number") && (isFinite(data30))){
if(data30 > 3600000 || isNaN(data30)){
const err80 = {instancePath:instancePath+"/limits/requestTimeoutMs",schemaPath:"#/properties/limits/properties/requestTimeoutMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3600000},message:"must be <= 3600000",schema:3600000,parentSchema:schema11.properties.limits.properties.requestTimeoutMs,data:data30};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
if(data30 < 100 || isNaN(data30)){
const err81 = {instancePath:instancePath+"/limits/requestTimeoutMs",schemaPath:"#/properties/limits/properties/requestTimeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100",schema:100,parentSchema:schema11.properties.limits.properties.requestTimeoutMs,data:data30};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
}
if(data19.maxObjectCount !== undefined){
let data31 = data19.maxObjectCount;
if(!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))){
const err82 = {instancePath:instancePath+"/limits/maxObjectCount",schemaPath:"#/properties/limits/properties/maxObjectCount/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.maxObjectCount.type,parentSchema:schema11.properties.limits.properties.maxObjectCount,data:data31};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
if((typeof data31 == "number") && (isFinite(data31))){
if(data31 > 10000000 || isNaN(data31)){
const err83 = {instancePath:instancePath+"/limits/maxObjectCount",schemaPath:"#/properties/limits/properties/maxObjectCount/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10000000},message:"must be <= 10000000",schema:10000000,parentSchema:schema11.properties.limits.properties.maxObjectCount,data:data31};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
if(data31 < 1 || isNaN(data31)){
const err84 = {instancePath:instancePath+"/limits/maxObjectCount",schemaPath:"#/properties/limits/properties/maxObjectCount/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.limits.properties.maxObjectCount,data:data31};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
}
if(data19.enumerationTimeoutSec !== undefined){
let data32 = data19.enumerationTimeoutSec;
if(!(((typeof data32 == "number") && (!(data32 % 1) && !isNaN(data32))) && (isFinite(data32)))){
const err85 = {instancePath:instancePath+"/limits/enumerationTimeoutSec",schemaPath:"#/properties/limits/properties/enumerationTimeoutSec/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.enumerationTimeoutSec.type,parentSchema:schema11.properties.limits.properties.enumerationTimeoutSec,data:data32};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
if((typeof data32 == "number") && (isFinite(data32))){
if(data32 > 86400 || isNaN(data32)){
const err86 = {instancePath:instancePath+"/limits/enumerationTimeoutSec",schemaPath:"#/properties/limits/properties/enumerationTimeoutSec/maximum",keyword:"maximum",params:{comparison: "<=", limit: 86400},message:"must be <= 86400",schema:86400,parentSchema:schema11.properties.limits.properties.enumerationTimeoutSec,data:data32};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
if(data32 < 1 || isNaN(data32)){
const err87 = {instancePath:instancePath+"/limits/enumerationTimeoutSec",schemaPath:"#/properties/limits/properties/enumerationTimeoutSec/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.limits.properties.enumerationTimeoutSec,data:data32};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
}
if(data19.enumerationTimeoutMaxSec !== undefined){
let data33 = data19.enumerationTimeoutMaxSec;
if(!(((typeof data33 == "number") && (!(data33 % 1) && !isNaN(data33))) && (isFinite(data33)))){
const err88 = {instancePath:instancePath+"/limits/enumerationTimeoutMaxSec",schemaPath:"#/properties/limits/properties/enumerationTimeoutMaxSec/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.enumerationTimeoutMaxSec.type,parentSchema:schema11.properties.limits.properties.enumerationTimeoutMaxSec,data:data33};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
if((typeof data33 == "number") && (isFinite(data33))){
if(data33 > 86400 || isNaN(data33)){
const err89 = {instancePath:instancePath+"/limits/enumerationTimeoutMaxSec",schemaPath:"#/properties/limits/properties/enumerationTimeoutMaxSec/maximum",keyword:"maximum",params:{comparison: "<=", limit: 86400},message:"must be <= 86400",schema:86400,parentSchema:schema11.properties.limits.properties.enumerationTimeoutMaxSec,data:data33};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
if(data33 < 1 || isNaN(data33)){
const err90 = {instancePath:instancePath+"/limits/enumerationTimeoutMaxSec",schemaPath:"#/properties/limits/properties/enumerationTimeoutMaxSec/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.limits.properties.enumerationTimeoutMaxSec,data:data33};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
}
if(data19.maxInstancesPerResponse !== undefined){
let data34 = data19.maxInstancesPerResponse;
if(!(((typeof data34 == "number") && (!(data34 % 1) && !isNaN(data34))) && (isFinite(data34)))){
const err91 = {instancePath:instancePath+"/limits/maxInstancesPerResponse",schemaPath:"#/properties/limits/properties/maxInstancesPerResponse/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.maxInstancesPerResponse.type,parentSchema:schema11.properties.limits.properties.maxInstancesPerResponse,data:data34};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
if((typeof data34 == "number") && (isFinite(data34))){
if(data34 > 100000000 || isNaN(data34)){
const err92 = {instancePath:instancePath+"/limits/maxInstancesPerResponse",schemaPath:"#/properties/limits/properties/maxInstancesPerResponse/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000000},message:"must be <= 100000000",schema:100000000,parentSchema:schema11.properties.limits.properties.maxInstancesPerResponse,data:data34};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
if(data34 < 1 || isNaN(data34)){
const err93 = {instancePath:instancePath+"/limits/maxInstancesPerResponse",schemaPath:"#/properties/limits/properties/maxInstancesPerResponse/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.limits.properties.maxInstancesPerResponse,data:data34};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
}
if(data19.encodeCacheBytes !== undefined){
let data35 = data19.encodeCacheBytes;
if(!(((typeof data35 == "number") && (!(data35 % 1) && !isNaN(data35))) && (isFinite(data35)))){
const err94 = {instancePath:instancePath+"/limits/encodeCacheBytes",schemaPath:"#/properties/limits/properties/encodeCacheBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.encodeCacheBytes.type,parentSchema:schema11.properties.limits.properties.encodeCacheBytes,data:data35};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
if((typeof data35 == "number") && (isFinite(data35))){
if(data35 > 68719476736 || isNaN(data35)){
const err95 = {instancePath:instancePath+"/limits/encodeCacheBytes",schemaPath:"#/properties/limits/properties/encodeCacheBytes/maximum",keyword:"maximum",params:{comparison: "<=", limit: 68719476736},message:"must be <= 68719476736",schema:68719476736,parentSchema:schema11.properties.limits.properties.encodeCacheBytes,data:data35};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
if(data35 < 0 || isNaN(data35)){
const err96 = {instancePath:instancePath+"/limits/encodeCacheBytes",schemaPath:"#/properties/limits/properties/encodeCacheBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema11.properties.limits.properties.encodeCacheBytes,data:data35};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
}
if(data19.xmlDepth !== undefined){
let data36 = data19.xmlDepth;
if(!(((typeof data36 == "number") && (!(data36 % 1) && !isNaN(data36))) && (isFinite(data36)))){
const err97 = {instancePath:instancePath+"/limits/xmlDepth",schemaPath:"#/properties/limits/properties/xmlDepth/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.xmlDepth.type,parentSchema:schema11.properties.limits.properties.xmlDepth,data:data36};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
if((typeof data36 == "number") && (isFinite(data36))){
if(data36 > 1024 || isNaN(data36)){
const err98 = {instancePath:instancePath+"/limits/xmlDepth",schemaPath:"#/properties/limits/properties/xmlDepth/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1024},message:"must be <= 1024",schema:1024,parentSchema:schema11.properties.limits.properties.xmlDepth,data:data36};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
if(data36 < 8 || isNaN(data36)){
const err99 = {instancePath:instancePath+"/limits/xmlDepth",schemaPath:"#/properties/limits/properties/xmlDepth/minimum",keyword:"minimum",params:{comparison: ">=", limit: 8},message:"must be >= 8",schema:8,parentSchema:schema11.properties.limits.properties.xmlDepth,data:data36};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
}
if(data19.xmlAttributes !== undefined){
let data37 = data19.xmlAttributes;
if(!(((typeof data37 == "number") && (!(data37 % 1) && !isNaN(data37))) && (isFinite(data37)))){
const err100 = {instancePath:instancePath+"/limits/xmlAttributes",schemaPath:"#/properties/limits/properties/xmlAttributes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.xmlAttributes.type,parentSchema:schema11.properties.limits.properties.xmlAttributes,data:data37};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
if((typeof data37 == "number") && (isFinite(data37))){
if(data37 > 1024 || isNaN(data37)){
const err101 = {instancePath:instancePath+"/limits/xmlAttributes",schemaPath:"#/properties/limits/properties/xmlAttributes/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1024},message:"must be <= 1024",schema:1024,parentSchema:schema11.properties.limits.properties.xmlAttributes,data:data37};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
if(data37 < 4 || isNaN(data37)){
const err102 = {instancePath:instancePath+"/limits/xmlAttributes",schemaPath:"#/properties/limits/properties/xmlAttributes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 4},message:"must be >= 4",schema:4,parentSchema:schema11.properties.limits.properties.xmlAttributes,data:data37};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
}
if(data19.xmlElements !== undefined){
let data38 = data19.xmlElements;
if(!(((typeof data38 == "number") && (!(data38 % 1) && !isNaN(data38))) && (isFinite(data38)))){
const err103 = {instancePath:instancePath+"/limits/xmlElements",schemaPath:"#/properties/limits/properties/xmlElements/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.xmlElements.type,parentSchema:schema11.properties.limits.properties.xmlElements,data:data38};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
if((typeof data38 == "number") && (isFinite(data38))){
if(data38 > 10000000 || isNaN(data38)){
const err104 = {instancePath:instancePath+"/limits/xmlElements",schemaPath:"#/properties/limits/properties/xmlElements/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10000000},message:"must be <= 10000000",schema:10000000,parentSchema:schema11.properties.limits.properties.xmlElements,data:data38};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
if(data38 < 64 || isNaN(data38)){
const err105 = {instancePath:instancePath+"/limits/xmlElements",schemaPath:"#/properties/limits/properties/xmlElements/minimum",keyword:"minimum",params:{comparison: ">=", limit: 64},message:"must be >= 64",schema:64,parentSchema:schema11.properties.limits.properties.xmlElements,data:data38};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
}
}
if(data19.xmlElementsPerKib !== undefined){
let data39 = data19.xmlElementsPerKib;
if(!(((typeof data39 == "number") && (!(data39 % 1) && !isNaN(data39))) && (isFinite(data39)))){
const err106 = {instancePath:instancePath+"/limits/xmlElementsPerKib",schemaPath:"#/properties/limits/properties/xmlElementsPerKib/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.xmlElementsPerKib.type,parentSchema:schema11.properties.limits.properties.xmlElementsPerKib,data:data39};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
if((typeof data39 == "number") && (isFinite(data39))){
if(data39 > 1024 || isNaN(data39)){
const err107 = {instancePath:instancePath+"/limits/xmlElementsPerKib",schemaPath:"#/properties/limits/properties/xmlElementsPerKib/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1024},message:"must be <= 1024",schema:1024,parentSchema:schema11.properties.limits.properties.xmlElementsPerKib,data:data39};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
if(data39 < 8 || isNaN(data39)){
const err108 = {instancePath:instancePath+"/limits/xmlElementsPerKib",schemaPath:"#/properties/limits/properties/xmlElementsPerKib/minimum",keyword:"minimum",params:{comparison: ">=", limit: 8},message:"must be >= 8",schema:8,parentSchema:schema11.properties.limits.properties.xmlElementsPerKib,data:data39};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
}
}
if(data19.queryDepth !== undefined){
let data40 = data19.queryDepth;
if(!(((typeof data40 == "number") && (!(data40 % 1) && !isNaN(data40))) && (isFinite(data40)))){
const err109 = {instancePath:instancePath+"/limits/queryDepth",schemaPath:"#/properties/limits/properties/queryDepth/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.queryDepth.type,parentSchema:schema11.properties.limits.properties.queryDepth,data:data40};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
if((typeof data40 == "number") && (isFinite(data40))){
if(data40 > 1024 || isNaN(data40)){
const err110 = {instancePath:instancePath+"/limits/queryDepth",schemaPath:"#/properties/limits/properties/queryDepth/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1024},message:"must be <= 1024",schema:1024,parentSchema:schema11.properties.limits.properties.queryDepth,data:data40};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
if(data40 < 1 || isNaN(data40)){
const err111 = {instancePath:instancePath+"/limits/queryDepth",schemaPath:"#/properties/limits/properties/queryDepth/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.limits.properties.queryDepth,data:data40};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
}
}
if(data19.authFailuresPerMinute !== undefined){
let data41 = data19.authFailuresPerMinute;
if(!(((typeof data41 == "number") && (!(data41 % 1) && !isNaN(data41))) && (isFinite(data41)))){
const err112 = {instancePath:instancePath+"/limits/authFailuresPerMinute",schemaPath:"#/properties/limits/properties/authFailuresPerMinute/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.authFailuresPerMinute.type,parentSchema:schema11.properties.limits.properties.authFailuresPerMinute,data:data41};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
if((typeof data41 == "number") && (isFinite(data41))){
if(data41 > 100000 || isNaN(data41)){
const err113 = {instancePath:instancePath+"/limits/authFailuresPerMinute",schemaPath:"#/properties/limits/properties/authFailuresPerMinute/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema11.properties.limits.properties.authFailuresPerMinute,data:data41};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
if(data41 < 0 || isNaN(data41)){
const err114 = {instancePath:instancePath+"/limits/authFailuresPerMinute",schemaPath:"#/properties/limits/properties/authFailuresPerMinute/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema11.properties.limits.properties.authFailuresPerMinute,data:data41};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
}
}
if(data19.authFailureAddresses !== undefined){
let data42 = data19.authFailureAddresses;
if(!(((typeof data42 == "number") && (!(data42 % 1) && !isNaN(data42))) && (isFinite(data42)))){
const err115 = {instancePath:instancePath+"/limits/authFailureAddresses",schemaPath:"#/properties/limits/properties/authFailureAddresses/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.authFailureAddresses.type,parentSchema:schema11.properties.limits.properties.authFailureAddresses,data:data42};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
if((typeof data42 == "number") && (isFinite(data42))){
if(data42 > 10000000 || isNaN(data42)){
const err116 = {instancePath:instancePath+"/limits/authFailureAddresses",schemaPath:"#/properties/limits/properties/authFailureAddresses/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10000000},message:"must be <= 10000000",schema:10000000,parentSchema:schema11.properties.limits.properties.authFailureAddresses,data:data42};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
if(data42 < 1 || isNaN(data42)){
const err117 = {instancePath:instancePath+"/limits/authFailureAddresses",schemaPath:"#/properties/limits/properties/authFailureAddresses/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.limits.properties.authFailureAddresses,data:data42};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
}
}
if(data19.authCacheSec !== undefined){
let data43 = data19.authCacheSec;
if(!(((typeof data43 == "number") && (!(data43 % 1) && !isNaN(data43))) && (isFinite(data43)))){
const err118 = {instancePath:instancePath+"/limits/authCacheSec",schemaPath:"#/properties/limits/properties/authCacheSec/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.authCacheSec.type,parentSchema:schema11.properties.limits.properties.authCacheSec,data:data43};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
if((typeof data43 == "number") && (isFinite(data43))){
if(data43 > 3600 || isNaN(data43)){
const err119 = {instancePath:instancePath+"/limits/authCacheSec",schemaPath:"#/properties/limits/properties/authCacheSec/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3600},message:"must be <= 3600",schema:3600,parentSchema:schema11.properties.limits.properties.authCacheSec,data:data43};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
if(data43 < 0 || isNaN(data43)){
const err120 = {instancePath:instancePath+"/limits/authCacheSec",schemaPath:"#/properties/limits/properties/authCacheSec/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema11.properties.limits.properties.authCacheSec,data:data43};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
}
}
if(data19.authCacheEntries !== undefined){
let data44 = data19.authCacheEntries;
if(!(((typeof data44 == "number") && (!(data44 % 1) && !isNaN(data44))) && (isFinite(data44)))){
const err121 = {instancePath:instancePath+"/limits/authCacheEntries",schemaPath:"#/properties/limits/properties/authCacheEntries/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.authCacheEntries.type,parentSchema:schema11.properties.limits.properties.authCacheEntries,data:data44};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
if((typeof data44 == "number") && (isFinite(data44))){
if(data44 > 1000000 || isNaN(data44)){
const err122 = {instancePath:instancePath+"/limits/authCacheEntries",schemaPath:"#/properties/limits/properties/authCacheEntries/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema11.properties.limits.properties.authCacheEntries,data:data44};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
if(data44 < 1 || isNaN(data44)){
const err123 = {instancePath:instancePath+"/limits/authCacheEntries",schemaPath:"#/properties/limits/properties/authCacheEntries/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.limits.properties.authCacheEntries,data:data44};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
}
}
if(data19.passwordChecks !== undefined){
let data45 = data19.passwordChecks;
if(!(((typeof data45 == "number") && (!(data45 % 1) && !isNaN(data45))) && (isFinite(data45)))){
const err124 = {instancePath:instancePath+"/limits/passwordChecks",schemaPath:"#/properties/limits/properties/passwordChecks/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.limits.properties.passwordChecks.type,parentSchema:schema11.properties.limits.properties.passwordChecks,data:data45};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
if((typeof data45 == "number") && (isFinite(data45))){
if(data45 > 64 || isNaN(data45)){
const err125 = {instancePath:instancePath+"/limits/passwordChecks",schemaPath:"#/properties/limits/properties/passwordChecks/maximum",keyword:"maximum",params:{comparison: "<=", limit: 64},message:"must be <= 64",schema:64,parentSchema:schema11.properties.limits.properties.passwordChecks,data:data45};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
if(data45 < 1 || isNaN(data45)){
const err126 = {instancePath:instancePath+"/limits/passwordChecks",schemaPath:"#/properties/limits/properties/passwordChecks/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.limits.properties.passwordChecks,data:data45};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
}
}
}
else {
const err127 = {instancePath:instancePath+"/limits",schemaPath:"#/properties/limits/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.limits.type,parentSchema:schema11.properties.limits,data:data19};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
}
if(data.providers !== undefined){
let data46 = data.providers;
if(Array.isArray(data46)){
if(data46.length > 256){
const err128 = {instancePath:instancePath+"/providers",schemaPath:"#/properties/providers/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema11.properties.providers,data:data46};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
if(data46.length < 1){
const err129 = {instancePath:instancePath+"/providers",schemaPath:"#/properties/providers/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.providers,data:data46};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
const len1 = data46.length;
for(let i1=0; i1<len1; i1++){
let data47 = data46[i1];
if(typeof data47 === "string"){
if(func3(data47) > 4096){
const err130 = {instancePath:instancePath+"/providers/" + i1,schemaPath:"#/properties/providers/items/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.providers.items,data:data47};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
if(func3(data47) < 1){
const err131 = {instancePath:instancePath+"/providers/" + i1,schemaPath:"#/properties/providers/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.providers.items,data:data47};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
}
else {
const err132 = {instancePath:instancePath+"/providers/" + i1,schemaPath:"#/properties/providers/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.providers.items.type,parentSchema:schema11.properties.providers.items,data:data47};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
}
}
else {
const err133 = {instancePath:instancePath+"/providers",schemaPath:"#/properties/providers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.providers.type,parentSchema:schema11.properties.providers,data:data46};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
}
if(data.hwmon !== undefined){
let data48 = data.hwmon;
if(data48 && typeof data48 == "object" && !Array.isArray(data48)){
for(const key5 in data48){
if(!((key5 === "root") || (key5 === "interval"))){
const err134 = {instancePath:instancePath+"/hwmon",schemaPath:"#/properties/hwmon/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.hwmon,data:data48};
if(vErrors === null){
vErrors = [err134];
}
else {
vErrors.push(err134);
}
errors++;
}
}
if(data48.root !== undefined){
let data49 = data48.root;
if(typeof data49 === "string"){
if(func3(data49) > 4096){
const err135 = {instancePath:instancePath+"/hwmon/root",schemaPath:"#/properties/hwmon/properties/root/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.hwmon.properties.root,data:data49};
if(vErrors === null){
vErrors = [err135];
}
else {
vErrors.push(err135);
}
errors++;
}
if(func3(data49) < 1){
const err136 = {instancePath:instancePath+"/hwmon/root",schemaPath:"#/properties/hwmon/properties/root/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.hwmon.properties.root,data:data49};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
}
else {
const err137 = {instancePath:instancePath+"/hwmon/root",schemaPath:"#/properties/hwmon/properties/root/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.hwmon.properties.root.type,parentSchema:schema11.properties.hwmon.properties.root,data:data49};
if(vErrors === null){
vErrors = [err137];
}
else {
vErrors.push(err137);
}
errors++;
}
}
if(data48.interval !== undefined){
let data50 = data48.interval;
if((typeof data50 == "number") && (isFinite(data50))){
if(data50 > 86400 || isNaN(data50)){
const err138 = {instancePath:instancePath+"/hwmon/interval",schemaPath:"#/properties/hwmon/properties/interval/maximum",keyword:"maximum",params:{comparison: "<=", limit: 86400},message:"must be <= 86400",schema:86400,parentSchema:schema11.properties.hwmon.properties.interval,data:data50};
if(vErrors === null){
vErrors = [err138];
}
else {
vErrors.push(err138);
}
errors++;
}
if(data50 < 0.1 || isNaN(data50)){
const err139 = {instancePath:instancePath+"/hwmon/interval",schemaPath:"#/properties/hwmon/properties/interval/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0.1},message:"must be >= 0.1",schema:0.1,parentSchema:schema11.properties.hwmon.properties.interval,data:data50};
if(vErrors === null){
vErrors = [err139];
}
else {
vErrors.push(err139);
}
errors++;
}
}
else {
const err140 = {instancePath:instancePath+"/hwmon/interval",schemaPath:"#/properties/hwmon/properties/interval/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema11.properties.hwmon.properties.interval.type,parentSchema:schema11.properties.hwmon.properties.interval,data:data50};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
}
}
else {
const err141 = {instancePath:instancePath+"/hwmon",schemaPath:"#/properties/hwmon/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.hwmon.type,parentSchema:schema11.properties.hwmon,data:data48};
if(vErrors === null){
vErrors = [err141];
}
else {
vErrors.push(err141);
}
errors++;
}
}
if(data.ipmi !== undefined){
let data51 = data.ipmi;
if(data51 && typeof data51 == "object" && !Array.isArray(data51)){
for(const key6 in data51){
if(!(func2.call(schema11.properties.ipmi.properties, key6))){
const err142 = {instancePath:instancePath+"/ipmi",schemaPath:"#/properties/ipmi/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.ipmi,data:data51};
if(vErrors === null){
vErrors = [err142];
}
else {
vErrors.push(err142);
}
errors++;
}
}
if(data51.tool !== undefined){
let data52 = data51.tool;
if(typeof data52 === "string"){
if(func3(data52) > 4096){
const err143 = {instancePath:instancePath+"/ipmi/tool",schemaPath:"#/properties/ipmi/properties/tool/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.ipmi.properties.tool,data:data52};
if(vErrors === null){
vErrors = [err143];
}
else {
vErrors.push(err143);
}
errors++;
}
if(func3(data52) < 1){
const err144 = {instancePath:instancePath+"/ipmi/tool",schemaPath:"#/properties/ipmi/properties/tool/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.ipmi.properties.tool,data:data52};
if(vErrors === null){
vErrors = [err144];
}
else {
vErrors.push(err144);
}
errors++;
}
}
else {
const err145 = {instancePath:instancePath+"/ipmi/tool",schemaPath:"#/properties/ipmi/properties/tool/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.ipmi.properties.tool.type,parentSchema:schema11.properties.ipmi.properties.tool,data:data52};
if(vErrors === null){
vErrors = [err145];
}
else {
vErrors.push(err145);
}
errors++;
}
}
if(data51.host !== undefined){
let data53 = data51.host;
if(typeof data53 === "string"){
if(func3(data53) > 255){
const err146 = {instancePath:instancePath+"/ipmi/host",schemaPath:"#/properties/ipmi/properties/host/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema11.properties.ipmi.properties.host,data:data53};
if(vErrors === null){
vErrors = [err146];
}
else {
vErrors.push(err146);
}
errors++;
}
if(func3(data53) < 1){
const err147 = {instancePath:instancePath+"/ipmi/host",schemaPath:"#/properties/ipmi/properties/host/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.ipmi.properties.host,data:data53};
if(vErrors === null){
vErrors = [err147];
}
else {
vErrors.push(err147);
}
errors++;
}
}
else {
const err148 = {instancePath:instancePath+"/ipmi/host",schemaPath:"#/properties/ipmi/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.ipmi.properties.host.type,parentSchema:schema11.properties.ipmi.properties.host,data:data53};
if(vErrors === null){
vErrors = [err148];
}
else {
vErrors.push(err148);
}
errors++;
}
}
if(data51.user !== undefined){
let data54 = data51.user;
if(typeof data54 === "string"){
if(func3(data54) > 64){
const err149 = {instancePath:instancePath+"/ipmi/user",schemaPath:"#/properties/ipmi/properties/user/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema11.properties.ipmi.properties.user,data:data54};
if(vErrors === null){
vErrors = [err149];
}
else {
vErrors.push(err149);
}
errors++;
}
if(func3(data54) < 1){
const err150 = {instancePath:instancePath+"/ipmi/user",schemaPath:"#/properties/ipmi/properties/user/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.ipmi.properties.user,data:data54};
if(vErrors === null){
vErrors = [err150];
}
else {
vErrors.push(err150);
}
errors++;
}
}
else {
const err151 = {instancePath:instancePath+"/ipmi/user",schemaPath:"#/properties/ipmi/properties/user/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.ipmi.properties.user.type,parentSchema:schema11.properties.ipmi.properties.user,data:data54};
if(vErrors === null){
vErrors = [err151];
}
else {
vErrors.push(err151);
}
errors++;
}
}
if(data51.password !== undefined){
let data55 = data51.password;
if(typeof data55 === "string"){
if(func3(data55) > 256){
const err152 = {instancePath:instancePath+"/ipmi/password",schemaPath:"#/properties/ipmi/properties/password/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema11.properties.ipmi.properties.password,data:data55};
if(vErrors === null){
vErrors = [err152];
}
else {
vErrors.push(err152);
}
errors++;
}
if(func3(data55) < 1){
const err153 = {instancePath:instancePath+"/ipmi/password",schemaPath:"#/properties/ipmi/properties/password/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.ipmi.properties.password,data:data55};
if(vErrors === null){
vErrors = [err153];
}
else {
vErrors.push(err153);
}
errors++;
}
}
else {
const err154 = {instancePath:instancePath+"/ipmi/password",schemaPath:"#/properties/ipmi/properties/password/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.ipmi.properties.password.type,parentSchema:schema11.properties.ipmi.properties.password,data:data55};
if(vErrors === null){
vErrors = [err154];
}
else {
vErrors.push(err154);
}
errors++;
}
}
if(data51.passwordFile !== undefined){
let data56 = data51.passwordFile;
if(typeof data56 === "string"){
if(func3(data56) > 4096){
const err155 = {instancePath:instancePath+"/ipmi/passwordFile",schemaPath:"#/properties/ipmi/properties/passwordFile/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.ipmi.properties.passwordFile,data:data56};
if(vErrors === null){
vErrors = [err155];
}
else {
vErrors.push(err155);
}
errors++;
}
if(func3(data56) < 1){
const err156 = {instancePath:instancePath+"/ipmi/passwordFile",schemaPath:"#/properties/ipmi/properties/passwordFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.ipmi.properties.passwordFile,data:data56};
if(vErrors === null){
vErrors = [err156];
}
else {
vErrors.push(err156);
}
errors++;
}
}
else {
const err157 = {instancePath:instancePath+"/ipmi/passwordFile",schemaPath:"#/properties/ipmi/properties/passwordFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.ipmi.properties.passwordFile.type,parentSchema:schema11.properties.ipmi.properties.passwordFile,data:data56};
if(vErrors === null){
vErrors = [err157];
}
else {
vErrors.push(err157);
}
errors++;
}
}
if(data51.interface !== undefined){
let data57 = data51.interface;
if(typeof data57 === "string"){
if(func3(data57) > 32){
const err158 = {instancePath:instancePath+"/ipmi/interface",schemaPath:"#/properties/ipmi/properties/interface/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters",schema:32,parentSchema:schema11.properties.ipmi.properties.interface,data:data57};
if(vErrors === null){
vErrors = [err158];
}
else {
vErrors.push(err158);
}
errors++;
}
if(func3(data57) < 1){
const err159 = {instancePath:instancePath+"/ipmi/interface",schemaPath:"#/properties/ipmi/properties/interface/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.ipmi.properties.interface,data:data57};
if(vErrors === null){
vErrors = [err159];
}
else {
vErrors.push(err159);
}
errors++;
}
if(!pattern1.test(data57)){
const err160 = {instancePath:instancePath+"/ipmi/interface",schemaPath:"#/properties/ipmi/properties/interface/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9-]*$"},message:"must match pattern \""+"^[a-z][a-z0-9-]*$"+"\"",schema:"^[a-z][a-z0-9-]*$",parentSchema:schema11.properties.ipmi.properties.interface,data:data57};
if(vErrors === null){
vErrors = [err160];
}
else {
vErrors.push(err160);
}
errors++;
}
}
else {
const err161 = {instancePath:instancePath+"/ipmi/interface",schemaPath:"#/properties/ipmi/properties/interface/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.ipmi.properties.interface.type,parentSchema:schema11.properties.ipmi.properties.interface,data:data57};
if(vErrors === null){
vErrors = [err161];
}
else {
vErrors.push(err161);
}
errors++;
}
}
if(data51.sdrFile !== undefined){
let data58 = data51.sdrFile;
if(typeof data58 === "string"){
if(func3(data58) > 4096){
const err162 = {instancePath:instancePath+"/ipmi/sdrFile",schemaPath:"#/properties/ipmi/properties/sdrFile/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.ipmi.properties.sdrFile,data:data58};
if(vErrors === null){
vErrors = [err162];
}
else {
vErrors.push(err162);
}
errors++;
}
if(func3(data58) < 1){
const err163 = {instancePath:instancePath+"/ipmi/sdrFile",schemaPath:"#/properties/ipmi/properties/sdrFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.ipmi.properties.sdrFile,data:data58};
if(vErrors === null){
vErrors = [err163];
}
else {
vErrors.push(err163);
}
errors++;
}
}
else {
const err164 = {instancePath:instancePath+"/ipmi/sdrFile",schemaPath:"#/properties/ipmi/properties/sdrFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.ipmi.properties.sdrFile.type,parentSchema:schema11.properties.ipmi.properties.sdrFile,data:data58};
if(vErrors === null){
vErrors = [err164];
}
else {
vErrors.push(err164);
}
errors++;
}
}
if(data51.sensorFile !== undefined){
let data59 = data51.sensorFile;
if(typeof data59 === "string"){
if(func3(data59) > 4096){
const err165 = {instancePath:instancePath+"/ipmi/sensorFile",schemaPath:"#/properties/ipmi/properties/sensorFile/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.ipmi.properties.sensorFile,data:data59};
if(vErrors === null){
vErrors = [err165];
}
else {
vErrors.push(err165);
}
errors++;
}
if(func3(data59) < 1){
const err166 = {instancePath:instancePath+"/ipmi/sensorFile",schemaPath:"#/properties/ipmi/properties/sensorFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.ipmi.properties.sensorFile,data:data59};
if(vErrors === null){
vErrors = [err166];
}
else {
vErrors.push(err166);
}
errors++;
}
}
else {
const err167 = {instancePath:instancePath+"/ipmi/sensorFile",schemaPath:"#/properties/ipmi/properties/sensorFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.ipmi.properties.sensorFile.type,parentSchema:schema11.properties.ipmi.properties.sensorFile,data:data59};
if(vErrors === null){
vErrors = [err167];
}
else {
vErrors.push(err167);
}
errors++;
}
}
if(data51.fruFile !== undefined){
let data60 = data51.fruFile;
if(typeof data60 === "string"){
if(func3(data60) > 4096){
const err168 = {instancePath:instancePath+"/ipmi/fruFile",schemaPath:"#/properties/ipmi/properties/fruFile/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.ipmi.properties.fruFile,data:data60};
if(vErrors === null){
vErrors = [err168];
}
else {
vErrors.push(err168);
}
errors++;
}
if(func3(data60) < 1){
const err169 = {instancePath:instancePath+"/ipmi/fruFile",schemaPath:"#/properties/ipmi/properties/fruFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.ipmi.properties.fruFile,data:data60};
if(vErrors === null){
vErrors = [err169];
}
else {
vErrors.push(err169);
}
errors++;
}
}
else {
const err170 = {instancePath:instancePath+"/ipmi/fruFile",schemaPath:"#/properties/ipmi/properties/fruFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.ipmi.properties.fruFile.type,parentSchema:schema11.properties.ipmi.properties.fruFile,data:data60};
if(vErrors === null){
vErrors = [err170];
}
else {
vErrors.push(err170);
}
errors++;
}
}
if(data51.ipmitoolVersion !== undefined){
let data61 = data51.ipmitoolVersion;
if(typeof data61 === "string"){
if(func3(data61) > 32){
const err171 = {instancePath:instancePath+"/ipmi/ipmitoolVersion",schemaPath:"#/properties/ipmi/properties/ipmitoolVersion/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters",schema:32,parentSchema:schema11.properties.ipmi.properties.ipmitoolVersion,data:data61};
if(vErrors === null){
vErrors = [err171];
}
else {
vErrors.push(err171);
}
errors++;
}
if(func3(data61) < 1){
const err172 = {instancePath:instancePath+"/ipmi/ipmitoolVersion",schemaPath:"#/properties/ipmi/properties/ipmitoolVersion/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.ipmi.properties.ipmitoolVersion,data:data61};
if(vErrors === null){
vErrors = [err172];
}
else {
vErrors.push(err172);
}
errors++;
}
if(!pattern2.test(data61)){
const err173 = {instancePath:instancePath+"/ipmi/ipmitoolVersion",schemaPath:"#/properties/ipmi/properties/ipmitoolVersion/pattern",keyword:"pattern",params:{pattern: "^[0-9]+\\.[0-9]+\\.[0-9]+$"},message:"must match pattern \""+"^[0-9]+\\.[0-9]+\\.[0-9]+$"+"\"",schema:"^[0-9]+\\.[0-9]+\\.[0-9]+$",parentSchema:schema11.properties.ipmi.properties.ipmitoolVersion,data:data61};
if(vErrors === null){
vErrors = [err173];
}
else {
vErrors.push(err173);
}
errors++;
}
}
else {
const err174 = {instancePath:instancePath+"/ipmi/ipmitoolVersion",schemaPath:"#/properties/ipmi/properties/ipmitoolVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.ipmi.properties.ipmitoolVersion.type,parentSchema:schema11.properties.ipmi.properties.ipmitoolVersion,data:data61};
if(vErrors === null){
vErrors = [err174];
}
else {
vErrors.push(err174);
}
errors++;
}
}
if(data51.port !== undefined){
let data62 = data51.port;
if(!(((typeof data62 == "number") && (!(data62 % 1) && !isNaN(data62))) && (isFinite(data62)))){
const err175 = {instancePath:instancePath+"/ipmi/port",schemaPath:"#/properties/ipmi/properties/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.ipmi.properties.port.type,parentSchema:schema11.properties.ipmi.properties.port,data:data62};
if(vErrors === null){
vErrors = [err175];
}
else {
vErrors.push(err175);
}
errors++;
}
if((typeof data62 == "number") && (isFinite(data62))){
if(data62 > 65535 || isNaN(data62)){
const err176 = {instancePath:instancePath+"/ipmi/port",schemaPath:"#/properties/ipmi/properties/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema11.properties.ipmi.properties.port,data:data62};
if(vErrors === null){
vErrors = [err176];
}
else {
vErrors.push(err176);
}
errors++;
}
if(data62 < 1 || isNaN(data62)){
const err177 = {instancePath:instancePath+"/ipmi/port",schemaPath:"#/properties/ipmi/properties/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.ipmi.properties.port,data:data62};
if(vErrors === null){
vErrors = [err177];
}
else {
vErrors.push(err177);
}
errors++;
}
}
}
if(data51.interval !== undefined){
let data63 = data51.interval;
if((typeof data63 == "number") && (isFinite(data63))){
if(data63 > 86400 || isNaN(data63)){
const err178 = {instancePath:instancePath+"/ipmi/interval",schemaPath:"#/properties/ipmi/properties/interval/maximum",keyword:"maximum",params:{comparison: "<=", limit: 86400},message:"must be <= 86400",schema:86400,parentSchema:schema11.properties.ipmi.properties.interval,data:data63};
if(vErrors === null){
vErrors = [err178];
}
else {
vErrors.push(err178);
}
errors++;
}
if(data63 < 0.1 || isNaN(data63)){
const err179 = {instancePath:instancePath+"/ipmi/interval",schemaPath:"#/properties/ipmi/properties/interval/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0.1},message:"must be >= 0.1",schema:0.1,parentSchema:schema11.properties.ipmi.properties.interval,data:data63};
if(vErrors === null){
vErrors = [err179];
}
else {
vErrors.push(err179);
}
errors++;
}
}
else {
const err180 = {instancePath:instancePath+"/ipmi/interval",schemaPath:"#/properties/ipmi/properties/interval/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema11.properties.ipmi.properties.interval.type,parentSchema:schema11.properties.ipmi.properties.interval,data:data63};
if(vErrors === null){
vErrors = [err180];
}
else {
vErrors.push(err180);
}
errors++;
}
}
}
else {
const err181 = {instancePath:instancePath+"/ipmi",schemaPath:"#/properties/ipmi/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.ipmi.type,parentSchema:schema11.properties.ipmi,data:data51};
if(vErrors === null){
vErrors = [err181];
}
else {
vErrors.push(err181);
}
errors++;
}
}
if(data.simulated !== undefined){
let data64 = data.simulated;
if(data64 && typeof data64 == "object" && !Array.isArray(data64)){
for(const key7 in data64){
if(!((((key7 === "sensors") || (key7 === "scenario")) || (key7 === "interval")) || (key7 === "timeScale"))){
const err182 = {instancePath:instancePath+"/simulated",schemaPath:"#/properties/simulated/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.simulated,data:data64};
if(vErrors === null){
vErrors = [err182];
}
else {
vErrors.push(err182);
}
errors++;
}
}
if(data64.sensors !== undefined){
let data65 = data64.sensors;
if(!(((typeof data65 == "number") && (!(data65 % 1) && !isNaN(data65))) && (isFinite(data65)))){
const err183 = {instancePath:instancePath+"/simulated/sensors",schemaPath:"#/properties/simulated/properties/sensors/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.simulated.properties.sensors.type,parentSchema:schema11.properties.simulated.properties.sensors,data:data65};
if(vErrors === null){
vErrors = [err183];
}
else {
vErrors.push(err183);
}
errors++;
}
if((typeof data65 == "number") && (isFinite(data65))){
if(data65 > 100000 || isNaN(data65)){
const err184 = {instancePath:instancePath+"/simulated/sensors",schemaPath:"#/properties/simulated/properties/sensors/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema11.properties.simulated.properties.sensors,data:data65};
if(vErrors === null){
vErrors = [err184];
}
else {
vErrors.push(err184);
}
errors++;
}
if(data65 < 0 || isNaN(data65)){
const err185 = {instancePath:instancePath+"/simulated/sensors",schemaPath:"#/properties/simulated/properties/sensors/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema11.properties.simulated.properties.sensors,data:data65};
if(vErrors === null){
vErrors = [err185];
}
else {
vErrors.push(err185);
}
errors++;
}
}
}
if(data64.scenario !== undefined){
let data66 = data64.scenario;
if(typeof data66 === "string"){
if(func3(data66) > 4096){
const err186 = {instancePath:instancePath+"/simulated/scenario",schemaPath:"#/properties/simulated/properties/scenario/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.simulated.properties.scenario,data:data66};
if(vErrors === null){
vErrors = [err186];
}
else {
vErrors.push(err186);
}
errors++;
}
if(func3(data66) < 1){
const err187 = {instancePath:instancePath+"/simulated/scenario",schemaPath:"#/properties/simulated/properties/scenario/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.simulated.properties.scenario,data:data66};
if(vErrors === null){
vErrors = [err187];
}
else {
vErrors.push(err187);
}
errors++;
}
}
else {
const err188 = {instancePath:instancePath+"/simulated/scenario",schemaPath:"#/properties/simulated/properties/scenario/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.simulated.properties.scenario.type,parentSchema:schema11.properties.simulated.properties.scenario,data:data66};
if(vErrors === null){
vErrors = [err188];
}
else {
vErrors.push(err188);
}
errors++;
}
}
if(data64.interval !== undefined){
let data67 = data64.interval;
if((typeof data67 == "number") && (isFinite(data67))){
if(data67 > 86400 || isNaN(data67)){
const err189 = {instancePath:instancePath+"/simulated/interval",schemaPath:"#/properties/simulated/properties/interval/maximum",keyword:"maximum",params:{comparison: "<=", limit: 86400},message:"must be <= 86400",schema:86400,parentSchema:schema11.properties.simulated.properties.interval,data:data67};
if(vErrors === null){
vErrors = [err189];
}
else {
vErrors.push(err189);
}
errors++;
}
if(data67 < 0.1 || isNaN(data67)){
const err190 = {instancePath:instancePath+"/simulated/interval",schemaPath:"#/properties/simulated/properties/interval/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0.1},message:"must be >= 0.1",schema:0.1,parentSchema:schema11.properties.simulated.properties.interval,data:data67};
if(vErrors === null){
vErrors = [err190];
}
else {
vErrors.push(err190);
}
errors++;
}
}
else {
const err191 = {instancePath:instancePath+"/simulated/interval",schemaPath:"#/properties/simulated/properties/interval/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema11.properties.simulated.properties.interval.type,parentSchema:schema11.properties.simulated.properties.interval,data:data67};
if(vErrors === null){
vErrors = [err191];
}
else {
vErrors.push(err191);
}
errors++;
}
}
if(data64.timeScale !== undefined){
let data68 = data64.timeScale;
if((typeof data68 == "number") && (isFinite(data68))){
if(data68 > 3600 || isNaN(data68)){
const err192 = {instancePath:instancePath+"/simulated/timeScale",schemaPath:"#/properties/simulated/properties/timeScale/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3600},message:"must be <= 3600",schema:3600,parentSchema:schema11.properties.simulated.properties.timeScale,data:data68};
if(vErrors === null){
vErrors = [err192];
}
else {
vErrors.push(err192);
}
errors++;
}
if(data68 < 0.001 || isNaN(data68)){
const err193 = {instancePath:instancePath+"/simulated/timeScale",schemaPath:"#/properties/simulated/properties/timeScale/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0.001},message:"must be >= 0.001",schema:0.001,parentSchema:schema11.properties.simulated.properties.timeScale,data:data68};
if(vErrors === null){
vErrors = [err193];
}
else {
vErrors.push(err193);
}
errors++;
}
}
else {
const err194 = {instancePath:instancePath+"/simulated/timeScale",schemaPath:"#/properties/simulated/properties/timeScale/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema11.properties.simulated.properties.timeScale.type,parentSchema:schema11.properties.simulated.properties.timeScale,data:data68};
if(vErrors === null){
vErrors = [err194];
}
else {
vErrors.push(err194);
}
errors++;
}
}
}
else {
const err195 = {instancePath:instancePath+"/simulated",schemaPath:"#/properties/simulated/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.simulated.type,parentSchema:schema11.properties.simulated,data:data64};
if(vErrors === null){
vErrors = [err195];
}
else {
vErrors.push(err195);
}
errors++;
}
}
if(data.indications !== undefined){
let data69 = data.indications;
if(data69 && typeof data69 == "object" && !Array.isArray(data69)){
for(const key8 in data69){
if(!(func2.call(schema11.properties.indications.properties, key8))){
const err196 = {instancePath:instancePath+"/indications",schemaPath:"#/properties/indications/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.indications,data:data69};
if(vErrors === null){
vErrors = [err196];
}
else {
vErrors.push(err196);
}
errors++;
}
}
if(data69.retryAttempts !== undefined){
let data70 = data69.retryAttempts;
if(!(((typeof data70 == "number") && (!(data70 % 1) && !isNaN(data70))) && (isFinite(data70)))){
const err197 = {instancePath:instancePath+"/indications/retryAttempts",schemaPath:"#/properties/indications/properties/retryAttempts/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.indications.properties.retryAttempts.type,parentSchema:schema11.properties.indications.properties.retryAttempts,data:data70};
if(vErrors === null){
vErrors = [err197];
}
else {
vErrors.push(err197);
}
errors++;
}
if((typeof data70 == "number") && (isFinite(data70))){
if(data70 > 100 || isNaN(data70)){
const err198 = {instancePath:instancePath+"/indications/retryAttempts",schemaPath:"#/properties/indications/properties/retryAttempts/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema11.properties.indications.properties.retryAttempts,data:data70};
if(vErrors === null){
vErrors = [err198];
}
else {
vErrors.push(err198);
}
errors++;
}
if(data70 < 0 || isNaN(data70)){
const err199 = {instancePath:instancePath+"/indications/retryAttempts",schemaPath:"#/properties/indications/properties/retryAttempts/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema11.properties.indications.properties.retryAttempts,data:data70};
if(vErrors === null){
vErrors = [err199];
}
else {
vErrors.push(err199);
}
errors++;
}
}
}
if(data69.retryInterval !== undefined){
let data71 = data69.retryInterval;
if((typeof data71 == "number") && (isFinite(data71))){
if(data71 > 86400 || isNaN(data71)){
const err200 = {instancePath:instancePath+"/indications/retryInterval",schemaPath:"#/properties/indications/properties/retryInterval/maximum",keyword:"maximum",params:{comparison: "<=", limit: 86400},message:"must be <= 86400",schema:86400,parentSchema:schema11.properties.indications.properties.retryInterval,data:data71};
if(vErrors === null){
vErrors = [err200];
}
else {
vErrors.push(err200);
}
errors++;
}
if(data71 < 0.01 || isNaN(data71)){
const err201 = {instancePath:instancePath+"/indications/retryInterval",schemaPath:"#/properties/indications/properties/retryInterval/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0.01},message:"must be >= 0.01",schema:0.01,parentSchema:schema11.properties.indications.properties.retryInterval,data:data71};
if(vErrors === null){
vErrors = [err201];
}
else {
vErrors.push(err201);
}
errors++;
}
}
else {
const err202 = {instancePath:instancePath+"/indications/retryInterval",schemaPath:"#/properties/indications/properties/retryInterval/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema11.properties.indications.properties.retryInterval.type,parentSchema:schema11.properties.indications.properties.retryInterval,data:data71};
if(vErrors === null){
vErrors = [err202];
}
else {
vErrors.push(err202);
}
errors++;
}
}
if(data69.timeout !== undefined){
let data72 = data69.timeout;
if((typeof data72 == "number") && (isFinite(data72))){
if(data72 > 600 || isNaN(data72)){
const err203 = {instancePath:instancePath+"/indications/timeout",schemaPath:"#/properties/indications/properties/timeout/maximum",keyword:"maximum",params:{comparison: "<=", limit: 600},message:"must be <= 600",schema:600,parentSchema:schema11.properties.indications.properties.timeout,data:data72};
if(vErrors === null){
vErrors = [err203];
}
else {
vErrors.push(err203);
}
errors++;
}
if(data72 < 0.1 || isNaN(data72)){
const err204 = {instancePath:instancePath+"/indications/timeout",schemaPath:"#/properties/indications/properties/timeout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0.1},message:"must be >= 0.1",schema:0.1,parentSchema:schema11.properties.indications.properties.timeout,data:data72};
if(vErrors === null){
vErrors = [err204];
}
else {
vErrors.push(err204);
}
errors++;
}
}
else {
const err205 = {instancePath:instancePath+"/indications/timeout",schemaPath:"#/properties/indications/properties/timeout/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema11.properties.indications.properties.timeout.type,parentSchema:schema11.properties.indications.properties.timeout,data:data72};
if(vErrors === null){
vErrors = [err205];
}
else {
vErrors.push(err205);
}
errors++;
}
}
if(data69.queueSize !== undefined){
let data73 = data69.queueSize;
if(!(((typeof data73 == "number") && (!(data73 % 1) && !isNaN(data73))) && (isFinite(data73)))){
const err206 = {instancePath:instancePath+"/indications/queueSize",schemaPath:"#/properties/indications/properties/queueSize/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.indications.properties.queueSize.type,parentSchema:schema11.properties.indications.properties.queueSize,data:data73};
if(vErrors === null){
vErrors = [err206];
}
else {
vErrors.push(err206);
}
errors++;
}
if((typeof data73 == "number") && (isFinite(data73))){
if(data73 > 1000000 || isNaN(data73)){
const err207 = {instancePath:instancePath+"/indications/queueSize",schemaPath:"#/properties/indications/properties/queueSize/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema11.properties.indications.properties.queueSize,data:data73};
if(vErrors === null){
vErrors = [err207];
}
else {
vErrors.push(err207);
}
errors++;
}
if(data73 < 1 || isNaN(data73)){
const err208 = {instancePath:instancePath+"/indications/queueSize",schemaPath:"#/properties/indications/properties/queueSize/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.indications.properties.queueSize,data:data73};
if(vErrors === null){
vErrors = [err208];
}
else {
vErrors.push(err208);
}
errors++;
}
}
}
if(data69.maxSubscriptions !== undefined){
let data74 = data69.maxSubscriptions;
if(!(((typeof data74 == "number") && (!(data74 % 1) && !isNaN(data74))) && (isFinite(data74)))){
const err209 = {instancePath:instancePath+"/indications/maxSubscriptions",schemaPath:"#/properties/indications/properties/maxSubscriptions/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.indications.properties.maxSubscriptions.type,parentSchema:schema11.properties.indications.properties.maxSubscriptions,data:data74};
if(vErrors === null){
vErrors = [err209];
}
else {
vErrors.push(err209);
}
errors++;
}
if((typeof data74 == "number") && (isFinite(data74))){
if(data74 > 100000 || isNaN(data74)){
const err210 = {instancePath:instancePath+"/indications/maxSubscriptions",schemaPath:"#/properties/indications/properties/maxSubscriptions/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema11.properties.indications.properties.maxSubscriptions,data:data74};
if(vErrors === null){
vErrors = [err210];
}
else {
vErrors.push(err210);
}
errors++;
}
if(data74 < 1 || isNaN(data74)){
const err211 = {instancePath:instancePath+"/indications/maxSubscriptions",schemaPath:"#/properties/indications/properties/maxSubscriptions/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.indications.properties.maxSubscriptions,data:data74};
if(vErrors === null){
vErrors = [err211];
}
else {
vErrors.push(err211);
}
errors++;
}
}
}
if(data69.removalAction !== undefined){
let data75 = data69.removalAction;
if(typeof data75 !== "string"){
const err212 = {instancePath:instancePath+"/indications/removalAction",schemaPath:"#/properties/indications/properties/removalAction/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.indications.properties.removalAction.type,parentSchema:schema11.properties.indications.properties.removalAction,data:data75};
if(vErrors === null){
vErrors = [err212];
}
else {
vErrors.push(err212);
}
errors++;
}
if(!(((data75 === "remove") || (data75 === "disable")) || (data75 === "ignore"))){
const err213 = {instancePath:instancePath+"/indications/removalAction",schemaPath:"#/properties/indications/properties/removalAction/enum",keyword:"enum",params:{allowedValues: schema11.properties.indications.properties.removalAction.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.indications.properties.removalAction.enum,parentSchema:schema11.properties.indications.properties.removalAction,data:data75};
if(vErrors === null){
vErrors = [err213];
}
else {
vErrors.push(err213);
}
errors++;
}
}
if(data69.removalInterval !== undefined){
let data76 = data69.removalInterval;
if((typeof data76 == "number") && (isFinite(data76))){
if(data76 > 315360000 || isNaN(data76)){
const err214 = {instancePath:instancePath+"/indications/removalInterval",schemaPath:"#/properties/indications/properties/removalInterval/maximum",keyword:"maximum",params:{comparison: "<=", limit: 315360000},message:"must be <= 315360000",schema:315360000,parentSchema:schema11.properties.indications.properties.removalInterval,data:data76};
if(vErrors === null){
vErrors = [err214];
}
else {
vErrors.push(err214);
}
errors++;
}
if(data76 < 1 || isNaN(data76)){
const err215 = {instancePath:instancePath+"/indications/removalInterval",schemaPath:"#/properties/indications/properties/removalInterval/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.indications.properties.removalInterval,data:data76};
if(vErrors === null){
vErrors = [err215];
}
else {
vErrors.push(err215);
}
errors++;
}
}
else {
const err216 = {instancePath:instancePath+"/indications/removalInterval",schemaPath:"#/properties/indications/properties/removalInterval/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema11.properties.indications.properties.removalInterval.type,parentSchema:schema11.properties.indications.properties.removalInterval,data:data76};
if(vErrors === null){
vErrors = [err216];
}
else {
vErrors.push(err216);
}
errors++;
}
}
if(data69.allowedNetworks !== undefined){
let data77 = data69.allowedNetworks;
if(Array.isArray(data77)){
if(data77.length > 256){
const err217 = {instancePath:instancePath+"/indications/allowedNetworks",schemaPath:"#/properties/indications/properties/allowedNetworks/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema11.properties.indications.properties.allowedNetworks,data:data77};
if(vErrors === null){
vErrors = [err217];
}
else {
vErrors.push(err217);
}
errors++;
}
if(data77.length < 0){
const err218 = {instancePath:instancePath+"/indications/allowedNetworks",schemaPath:"#/properties/indications/properties/allowedNetworks/minItems",keyword:"minItems",params:{limit: 0},message:"must NOT have fewer than 0 items",schema:0,parentSchema:schema11.properties.indications.properties.allowedNetworks,data:data77};
if(vErrors === null){
vErrors = [err218];
}
else {
vErrors.push(err218);
}
errors++;
}
const len2 = data77.length;
for(let i2=0; i2<len2; i2++){
let data78 = data77[i2];
if(typeof data78 === "string"){
if(func3(data78) > 4096){
const err219 = {instancePath:instancePath+"/indications/allowedNetworks/" + i2,schemaPath:"#/properties/indications/properties/allowedNetworks/items/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.indications.properties.allowedNetworks.items,data:data78};
if(vErrors === null){
vErrors = [err219];
}
else {
vErrors.push(err219);
}
errors++;
}
if(func3(data78) < 1){
const err220 = {instancePath:instancePath+"/indications/allowedNetworks/" + i2,schemaPath:"#/properties/indications/properties/allowedNetworks/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.indications.properties.allowedNetworks.items,data:data78};
if(vErrors === null){
vErrors = [err220];
}
else {
vErrors.push(err220);
}
errors++;
}
}
else {
const err221 = {instancePath:instancePath+"/indications/allowedNetworks/" + i2,schemaPath:"#/properties/indications/properties/allowedNetworks/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.indications.properties.allowedNetworks.items.type,parentSchema:schema11.properties.indications.properties.allowedNetworks.items,data:data78};
if(vErrors === null){
vErrors = [err221];
}
else {
vErrors.push(err221);
}
errors++;
}
}
}
else {
const err222 = {instancePath:instancePath+"/indications/allowedNetworks",schemaPath:"#/properties/indications/properties/allowedNetworks/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.indications.properties.allowedNetworks.type,parentSchema:schema11.properties.indications.properties.allowedNetworks,data:data77};
if(vErrors === null){
vErrors = [err222];
}
else {
vErrors.push(err222);
}
errors++;
}
}
if(data69.caFile !== undefined){
let data79 = data69.caFile;
if(typeof data79 === "string"){
if(func3(data79) > 4096){
const err223 = {instancePath:instancePath+"/indications/caFile",schemaPath:"#/properties/indications/properties/caFile/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.indications.properties.caFile,data:data79};
if(vErrors === null){
vErrors = [err223];
}
else {
vErrors.push(err223);
}
errors++;
}
if(func3(data79) < 1){
const err224 = {instancePath:instancePath+"/indications/caFile",schemaPath:"#/properties/indications/properties/caFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.indications.properties.caFile,data:data79};
if(vErrors === null){
vErrors = [err224];
}
else {
vErrors.push(err224);
}
errors++;
}
}
else {
const err225 = {instancePath:instancePath+"/indications/caFile",schemaPath:"#/properties/indications/properties/caFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.indications.properties.caFile.type,parentSchema:schema11.properties.indications.properties.caFile,data:data79};
if(vErrors === null){
vErrors = [err225];
}
else {
vErrors.push(err225);
}
errors++;
}
}
if(data69.fingerprint !== undefined){
let data80 = data69.fingerprint;
if(typeof data80 === "string"){
if(func3(data80) > 128){
const err226 = {instancePath:instancePath+"/indications/fingerprint",schemaPath:"#/properties/indications/properties/fingerprint/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema11.properties.indications.properties.fingerprint,data:data80};
if(vErrors === null){
vErrors = [err226];
}
else {
vErrors.push(err226);
}
errors++;
}
if(func3(data80) < 1){
const err227 = {instancePath:instancePath+"/indications/fingerprint",schemaPath:"#/properties/indications/properties/fingerprint/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.indications.properties.fingerprint,data:data80};
if(vErrors === null){
vErrors = [err227];
}
else {
vErrors.push(err227);
}
errors++;
}
}
else {
const err228 = {instancePath:instancePath+"/indications/fingerprint",schemaPath:"#/properties/indications/properties/fingerprint/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.indications.properties.fingerprint.type,parentSchema:schema11.properties.indications.properties.fingerprint,data:data80};
if(vErrors === null){
vErrors = [err228];
}
else {
vErrors.push(err228);
}
errors++;
}
}
if(data69.insecure !== undefined){
let data81 = data69.insecure;
if(typeof data81 !== "boolean"){
const err229 = {instancePath:instancePath+"/indications/insecure",schemaPath:"#/properties/indications/properties/insecure/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.indications.properties.insecure.type,parentSchema:schema11.properties.indications.properties.insecure,data:data81};
if(vErrors === null){
vErrors = [err229];
}
else {
vErrors.push(err229);
}
errors++;
}
}
}
else {
const err230 = {instancePath:instancePath+"/indications",schemaPath:"#/properties/indications/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.indications.type,parentSchema:schema11.properties.indications,data:data69};
if(vErrors === null){
vErrors = [err230];
}
else {
vErrors.push(err230);
}
errors++;
}
}
if(data.sysinfo !== undefined){
let data82 = data.sysinfo;
if(data82 && typeof data82 == "object" && !Array.isArray(data82)){
for(const key9 in data82){
if(!(key9 === "interval")){
const err231 = {instancePath:instancePath+"/sysinfo",schemaPath:"#/properties/sysinfo/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.sysinfo,data:data82};
if(vErrors === null){
vErrors = [err231];
}
else {
vErrors.push(err231);
}
errors++;
}
}
if(data82.interval !== undefined){
let data83 = data82.interval;
if((typeof data83 == "number") && (isFinite(data83))){
if(data83 > 86400 || isNaN(data83)){
const err232 = {instancePath:instancePath+"/sysinfo/interval",schemaPath:"#/properties/sysinfo/properties/interval/maximum",keyword:"maximum",params:{comparison: "<=", limit: 86400},message:"must be <= 86400",schema:86400,parentSchema:schema11.properties.sysinfo.properties.interval,data:data83};
if(vErrors === null){
vErrors = [err232];
}
else {
vErrors.push(err232);
}
errors++;
}
if(data83 < 0.1 || isNaN(data83)){
const err233 = {instancePath:instancePath+"/sysinfo/interval",schemaPath:"#/properties/sysinfo/properties/interval/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0.1},message:"must be >= 0.1",schema:0.1,parentSchema:schema11.properties.sysinfo.properties.interval,data:data83};
if(vErrors === null){
vErrors = [err233];
}
else {
vErrors.push(err233);
}
errors++;
}
}
else {
const err234 = {instancePath:instancePath+"/sysinfo/interval",schemaPath:"#/properties/sysinfo/properties/interval/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema11.properties.sysinfo.properties.interval.type,parentSchema:schema11.properties.sysinfo.properties.interval,data:data83};
if(vErrors === null){
vErrors = [err234];
}
else {
vErrors.push(err234);
}
errors++;
}
}
}
else {
const err235 = {instancePath:instancePath+"/sysinfo",schemaPath:"#/properties/sysinfo/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.sysinfo.type,parentSchema:schema11.properties.sysinfo,data:data82};
if(vErrors === null){
vErrors = [err235];
}
else {
vErrors.push(err235);
}
errors++;
}
}
if(data.providerOptions !== undefined){
let data84 = data.providerOptions;
if(data84 && typeof data84 == "object" && !Array.isArray(data84)){
for(const key10 in data84){
let data85 = data84[key10];
if(!(data85 && typeof data85 == "object" && !Array.isArray(data85))){
const err236 = {instancePath:instancePath+"/providerOptions/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/providerOptions/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.providerOptions.additionalProperties.type,parentSchema:schema11.properties.providerOptions.additionalProperties,data:data85};
if(vErrors === null){
vErrors = [err236];
}
else {
vErrors.push(err236);
}
errors++;
}
}
}
else {
const err237 = {instancePath:instancePath+"/providerOptions",schemaPath:"#/properties/providerOptions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.providerOptions.type,parentSchema:schema11.properties.providerOptions,data:data84};
if(vErrors === null){
vErrors = [err237];
}
else {
vErrors.push(err237);
}
errors++;
}
}
if(data.schemaDir !== undefined){
let data86 = data.schemaDir;
if(Array.isArray(data86)){
if(data86.length > 256){
const err238 = {instancePath:instancePath+"/schemaDir",schemaPath:"#/properties/schemaDir/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema11.properties.schemaDir,data:data86};
if(vErrors === null){
vErrors = [err238];
}
else {
vErrors.push(err238);
}
errors++;
}
if(data86.length < 0){
const err239 = {instancePath:instancePath+"/schemaDir",schemaPath:"#/properties/schemaDir/minItems",keyword:"minItems",params:{limit: 0},message:"must NOT have fewer than 0 items",schema:0,parentSchema:schema11.properties.schemaDir,data:data86};
if(vErrors === null){
vErrors = [err239];
}
else {
vErrors.push(err239);
}
errors++;
}
const len3 = data86.length;
for(let i3=0; i3<len3; i3++){
let data87 = data86[i3];
if(typeof data87 === "string"){
if(func3(data87) > 4096){
const err240 = {instancePath:instancePath+"/schemaDir/" + i3,schemaPath:"#/properties/schemaDir/items/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.schemaDir.items,data:data87};
if(vErrors === null){
vErrors = [err240];
}
else {
vErrors.push(err240);
}
errors++;
}
if(func3(data87) < 1){
const err241 = {instancePath:instancePath+"/schemaDir/" + i3,schemaPath:"#/properties/schemaDir/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.schemaDir.items,data:data87};
if(vErrors === null){
vErrors = [err241];
}
else {
vErrors.push(err241);
}
errors++;
}
}
else {
const err242 = {instancePath:instancePath+"/schemaDir/" + i3,schemaPath:"#/properties/schemaDir/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.schemaDir.items.type,parentSchema:schema11.properties.schemaDir.items,data:data87};
if(vErrors === null){
vErrors = [err242];
}
else {
vErrors.push(err242);
}
errors++;
}
}
}
else {
const err243 = {instancePath:instancePath+"/schemaDir",schemaPath:"#/properties/schemaDir/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.schemaDir.type,parentSchema:schema11.properties.schemaDir,data:data86};
if(vErrors === null){
vErrors = [err243];
}
else {
vErrors.push(err243);
}
errors++;
}
}
if(data.cacheDir !== undefined){
let data88 = data.cacheDir;
if(typeof data88 === "string"){
if(func3(data88) > 4096){
const err244 = {instancePath:instancePath+"/cacheDir",schemaPath:"#/properties/cacheDir/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.cacheDir,data:data88};
if(vErrors === null){
vErrors = [err244];
}
else {
vErrors.push(err244);
}
errors++;
}
if(func3(data88) < 1){
const err245 = {instancePath:instancePath+"/cacheDir",schemaPath:"#/properties/cacheDir/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.cacheDir,data:data88};
if(vErrors === null){
vErrors = [err245];
}
else {
vErrors.push(err245);
}
errors++;
}
}
else {
const err246 = {instancePath:instancePath+"/cacheDir",schemaPath:"#/properties/cacheDir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.cacheDir.type,parentSchema:schema11.properties.cacheDir,data:data88};
if(vErrors === null){
vErrors = [err246];
}
else {
vErrors.push(err246);
}
errors++;
}
}
if(data.log !== undefined){
let data89 = data.log;
if(data89 && typeof data89 == "object" && !Array.isArray(data89)){
for(const key11 in data89){
if(!((key11 === "level") || (key11 === "pretty"))){
const err247 = {instancePath:instancePath+"/log",schemaPath:"#/properties/log/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.log,data:data89};
if(vErrors === null){
vErrors = [err247];
}
else {
vErrors.push(err247);
}
errors++;
}
}
if(data89.level !== undefined){
let data90 = data89.level;
if(typeof data90 !== "string"){
const err248 = {instancePath:instancePath+"/log/level",schemaPath:"#/properties/log/properties/level/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.log.properties.level.type,parentSchema:schema11.properties.log.properties.level,data:data90};
if(vErrors === null){
vErrors = [err248];
}
else {
vErrors.push(err248);
}
errors++;
}
if(!(((((((data90 === "fatal") || (data90 === "error")) || (data90 === "warn")) || (data90 === "info")) || (data90 === "debug")) || (data90 === "trace")) || (data90 === "silent"))){
const err249 = {instancePath:instancePath+"/log/level",schemaPath:"#/properties/log/properties/level/enum",keyword:"enum",params:{allowedValues: schema11.properties.log.properties.level.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.log.properties.level.enum,parentSchema:schema11.properties.log.properties.level,data:data90};
if(vErrors === null){
vErrors = [err249];
}
else {
vErrors.push(err249);
}
errors++;
}
}
if(data89.pretty !== undefined){
let data91 = data89.pretty;
if(typeof data91 !== "boolean"){
const err250 = {instancePath:instancePath+"/log/pretty",schemaPath:"#/properties/log/properties/pretty/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.log.properties.pretty.type,parentSchema:schema11.properties.log.properties.pretty,data:data91};
if(vErrors === null){
vErrors = [err250];
}
else {
vErrors.push(err250);
}
errors++;
}
}
}
else {
const err251 = {instancePath:instancePath+"/log",schemaPath:"#/properties/log/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.log.type,parentSchema:schema11.properties.log,data:data89};
if(vErrors === null){
vErrors = [err251];
}
else {
vErrors.push(err251);
}
errors++;
}
}
if(data.metrics !== undefined){
let data92 = data.metrics;
if(typeof data92 !== "boolean"){
const err252 = {instancePath:instancePath+"/metrics",schemaPath:"#/properties/metrics/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.metrics.type,parentSchema:schema11.properties.metrics,data:data92};
if(vErrors === null){
vErrors = [err252];
}
else {
vErrors.push(err252);
}
errors++;
}
}
if(data.page !== undefined){
let data93 = data.page;
if(typeof data93 !== "boolean"){
const err253 = {instancePath:instancePath+"/page",schemaPath:"#/properties/page/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.page.type,parentSchema:schema11.properties.page,data:data93};
if(vErrors === null){
vErrors = [err253];
}
else {
vErrors.push(err253);
}
errors++;
}
}
if(data.history !== undefined){
let data94 = data.history;
if(data94 && typeof data94 == "object" && !Array.isArray(data94)){
for(const key12 in data94){
if(!((key12 === "seconds") || (key12 === "points"))){
const err254 = {instancePath:instancePath+"/history",schemaPath:"#/properties/history/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.history,data:data94};
if(vErrors === null){
vErrors = [err254];
}
else {
vErrors.push(err254);
}
errors++;
}
}
if(data94.seconds !== undefined){
let data95 = data94.seconds;
if(!(((typeof data95 == "number") && (!(data95 % 1) && !isNaN(data95))) && (isFinite(data95)))){
const err255 = {instancePath:instancePath+"/history/seconds",schemaPath:"#/properties/history/properties/seconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.history.properties.seconds.type,parentSchema:schema11.properties.history.properties.seconds,data:data95};
if(vErrors === null){
vErrors = [err255];
}
else {
vErrors.push(err255);
}
errors++;
}
if((typeof data95 == "number") && (isFinite(data95))){
if(data95 > 604800 || isNaN(data95)){
const err256 = {instancePath:instancePath+"/history/seconds",schemaPath:"#/properties/history/properties/seconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 604800},message:"must be <= 604800",schema:604800,parentSchema:schema11.properties.history.properties.seconds,data:data95};
if(vErrors === null){
vErrors = [err256];
}
else {
vErrors.push(err256);
}
errors++;
}
if(data95 < 0 || isNaN(data95)){
const err257 = {instancePath:instancePath+"/history/seconds",schemaPath:"#/properties/history/properties/seconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema11.properties.history.properties.seconds,data:data95};
if(vErrors === null){
vErrors = [err257];
}
else {
vErrors.push(err257);
}
errors++;
}
}
}
if(data94.points !== undefined){
let data96 = data94.points;
if(!(((typeof data96 == "number") && (!(data96 % 1) && !isNaN(data96))) && (isFinite(data96)))){
const err258 = {instancePath:instancePath+"/history/points",schemaPath:"#/properties/history/properties/points/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.history.properties.points.type,parentSchema:schema11.properties.history.properties.points,data:data96};
if(vErrors === null){
vErrors = [err258];
}
else {
vErrors.push(err258);
}
errors++;
}
if((typeof data96 == "number") && (isFinite(data96))){
if(data96 > 100000 || isNaN(data96)){
const err259 = {instancePath:instancePath+"/history/points",schemaPath:"#/properties/history/properties/points/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema11.properties.history.properties.points,data:data96};
if(vErrors === null){
vErrors = [err259];
}
else {
vErrors.push(err259);
}
errors++;
}
if(data96 < 2 || isNaN(data96)){
const err260 = {instancePath:instancePath+"/history/points",schemaPath:"#/properties/history/properties/points/minimum",keyword:"minimum",params:{comparison: ">=", limit: 2},message:"must be >= 2",schema:2,parentSchema:schema11.properties.history.properties.points,data:data96};
if(vErrors === null){
vErrors = [err260];
}
else {
vErrors.push(err260);
}
errors++;
}
}
}
}
else {
const err261 = {instancePath:instancePath+"/history",schemaPath:"#/properties/history/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.history.type,parentSchema:schema11.properties.history,data:data94};
if(vErrors === null){
vErrors = [err261];
}
else {
vErrors.push(err261);
}
errors++;
}
}
if(data.snmp !== undefined){
let data97 = data.snmp;
if(data97 && typeof data97 == "object" && !Array.isArray(data97)){
for(const key13 in data97){
if(!(((((key13 === "targets") || (key13 === "community")) || (key13 === "enterpriseOid")) || (key13 === "engineId")) || (key13 === "queue"))){
const err262 = {instancePath:instancePath+"/snmp",schemaPath:"#/properties/snmp/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key13},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.snmp,data:data97};
if(vErrors === null){
vErrors = [err262];
}
else {
vErrors.push(err262);
}
errors++;
}
}
if(data97.targets !== undefined){
let data98 = data97.targets;
if(Array.isArray(data98)){
if(data98.length > 64){
const err263 = {instancePath:instancePath+"/snmp/targets",schemaPath:"#/properties/snmp/properties/targets/maxItems",keyword:"maxItems",params:{limit: 64},message:"must NOT have more than 64 items",schema:64,parentSchema:schema11.properties.snmp.properties.targets,data:data98};
if(vErrors === null){
vErrors = [err263];
}
else {
vErrors.push(err263);
}
errors++;
}
const len4 = data98.length;
for(let i4=0; i4<len4; i4++){
let data99 = data98[i4];
if(data99 && typeof data99 == "object" && !Array.isArray(data99)){
if(data99.address === undefined){
const err264 = {instancePath:instancePath+"/snmp/targets/" + i4,schemaPath:"#/properties/snmp/properties/targets/items/required",keyword:"required",params:{missingProperty: "address"},message:"must have required property '"+"address"+"'",schema:schema11.properties.snmp.properties.targets.items.required,parentSchema:schema11.properties.snmp.properties.targets.items,data:data99};
if(vErrors === null){
vErrors = [err264];
}
else {
vErrors.push(err264);
}
errors++;
}
for(const key14 in data99){
if(!(func2.call(schema11.properties.snmp.properties.targets.items.properties, key14))){
const err265 = {instancePath:instancePath+"/snmp/targets/" + i4,schemaPath:"#/properties/snmp/properties/targets/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key14},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.snmp.properties.targets.items,data:data99};
if(vErrors === null){
vErrors = [err265];
}
else {
vErrors.push(err265);
}
errors++;
}
}
if(data99.address !== undefined){
let data100 = data99.address;
if(typeof data100 === "string"){
if(func3(data100) > 300){
const err266 = {instancePath:instancePath+"/snmp/targets/" + i4+"/address",schemaPath:"#/properties/snmp/properties/targets/items/properties/address/maxLength",keyword:"maxLength",params:{limit: 300},message:"must NOT have more than 300 characters",schema:300,parentSchema:schema11.properties.snmp.properties.targets.items.properties.address,data:data100};
if(vErrors === null){
vErrors = [err266];
}
else {
vErrors.push(err266);
}
errors++;
}
if(!pattern3.test(data100)){
const err267 = {instancePath:instancePath+"/snmp/targets/" + i4+"/address",schemaPath:"#/properties/snmp/properties/targets/items/properties/address/pattern",keyword:"pattern",params:{pattern: "^udp:(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):([0-9]{1,5})$"},message:"must match pattern \""+"^udp:(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):([0-9]{1,5})$"+"\"",schema:"^udp:(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):([0-9]{1,5})$",parentSchema:schema11.properties.snmp.properties.targets.items.properties.address,data:data100};
if(vErrors === null){
vErrors = [err267];
}
else {
vErrors.push(err267);
}
errors++;
}
}
else {
const err268 = {instancePath:instancePath+"/snmp/targets/" + i4+"/address",schemaPath:"#/properties/snmp/properties/targets/items/properties/address/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.snmp.properties.targets.items.properties.address.type,parentSchema:schema11.properties.snmp.properties.targets.items.properties.address,data:data100};
if(vErrors === null){
vErrors = [err268];
}
else {
vErrors.push(err268);
}
errors++;
}
}
if(data99.notification !== undefined){
let data101 = data99.notification;
if(typeof data101 !== "string"){
const err269 = {instancePath:instancePath+"/snmp/targets/" + i4+"/notification",schemaPath:"#/properties/snmp/properties/targets/items/properties/notification/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.snmp.properties.targets.items.properties.notification.type,parentSchema:schema11.properties.snmp.properties.targets.items.properties.notification,data:data101};
if(vErrors === null){
vErrors = [err269];
}
else {
vErrors.push(err269);
}
errors++;
}
if(!((data101 === "trap") || (data101 === "inform"))){
const err270 = {instancePath:instancePath+"/snmp/targets/" + i4+"/notification",schemaPath:"#/properties/snmp/properties/targets/items/properties/notification/enum",keyword:"enum",params:{allowedValues: schema11.properties.snmp.properties.targets.items.properties.notification.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.snmp.properties.targets.items.properties.notification.enum,parentSchema:schema11.properties.snmp.properties.targets.items.properties.notification,data:data101};
if(vErrors === null){
vErrors = [err270];
}
else {
vErrors.push(err270);
}
errors++;
}
}
if(data99.version !== undefined){
let data102 = data99.version;
if(!(((((data102 === "1") || (data102 === "2c")) || (data102 === "3")) || (data102 === 1)) || (data102 === 3))){
const err271 = {instancePath:instancePath+"/snmp/targets/" + i4+"/version",schemaPath:"#/properties/snmp/properties/targets/items/properties/version/enum",keyword:"enum",params:{allowedValues: schema11.properties.snmp.properties.targets.items.properties.version.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.snmp.properties.targets.items.properties.version.enum,parentSchema:schema11.properties.snmp.properties.targets.items.properties.version,data:data102};
if(vErrors === null){
vErrors = [err271];
}
else {
vErrors.push(err271);
}
errors++;
}
}
if(data99.community !== undefined){
let data103 = data99.community;
if(typeof data103 === "string"){
if(func3(data103) > 256){
const err272 = {instancePath:instancePath+"/snmp/targets/" + i4+"/community",schemaPath:"#/properties/snmp/properties/targets/items/properties/community/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema11.properties.snmp.properties.targets.items.properties.community,data:data103};
if(vErrors === null){
vErrors = [err272];
}
else {
vErrors.push(err272);
}
errors++;
}
if(func3(data103) < 1){
const err273 = {instancePath:instancePath+"/snmp/targets/" + i4+"/community",schemaPath:"#/properties/snmp/properties/targets/items/properties/community/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.snmp.properties.targets.items.properties.community,data:data103};
if(vErrors === null){
vErrors = [err273];
}
else {
vErrors.push(err273);
}
errors++;
}
}
else {
const err274 = {instancePath:instancePath+"/snmp/targets/" + i4+"/community",schemaPath:"#/properties/snmp/properties/targets/items/properties/community/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.snmp.properties.targets.items.properties.community.type,parentSchema:schema11.properties.snmp.properties.targets.items.properties.community,data:data103};
if(vErrors === null){
vErrors = [err274];
}
else {
vErrors.push(err274);
}
errors++;
}
}
if(data99.communityFile !== undefined){
let data104 = data99.communityFile;
if(typeof data104 === "string"){
if(func3(data104) > 4096){
const err275 = {instancePath:instancePath+"/snmp/targets/" + i4+"/communityFile",schemaPath:"#/properties/snmp/properties/targets/items/properties/communityFile/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.snmp.properties.targets.items.properties.communityFile,data:data104};
if(vErrors === null){
vErrors = [err275];
}
else {
vErrors.push(err275);
}
errors++;
}
if(!pattern4.test(data104)){
const err276 = {instancePath:instancePath+"/snmp/targets/" + i4+"/communityFile",schemaPath:"#/properties/snmp/properties/targets/items/properties/communityFile/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\"",schema:"^/",parentSchema:schema11.properties.snmp.properties.targets.items.properties.communityFile,data:data104};
if(vErrors === null){
vErrors = [err276];
}
else {
vErrors.push(err276);
}
errors++;
}
}
else {
const err277 = {instancePath:instancePath+"/snmp/targets/" + i4+"/communityFile",schemaPath:"#/properties/snmp/properties/targets/items/properties/communityFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.snmp.properties.targets.items.properties.communityFile.type,parentSchema:schema11.properties.snmp.properties.targets.items.properties.communityFile,data:data104};
if(vErrors === null){
vErrors = [err277];
}
else {
vErrors.push(err277);
}
errors++;
}
}
if(data99.communityEnv !== undefined){
let data105 = data99.communityEnv;
if(typeof data105 === "string"){
if(func3(data105) > 128){
const err278 = {instancePath:instancePath+"/snmp/targets/" + i4+"/communityEnv",schemaPath:"#/properties/snmp/properties/targets/items/properties/communityEnv/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema11.properties.snmp.properties.targets.items.properties.communityEnv,data:data105};
if(vErrors === null){
vErrors = [err278];
}
else {
vErrors.push(err278);
}
errors++;
}
if(!pattern5.test(data105)){
const err279 = {instancePath:instancePath+"/snmp/targets/" + i4+"/communityEnv",schemaPath:"#/properties/snmp/properties/targets/items/properties/communityEnv/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema11.properties.snmp.properties.targets.items.properties.communityEnv,data:data105};
if(vErrors === null){
vErrors = [err279];
}
else {
vErrors.push(err279);
}
errors++;
}
}
else {
const err280 = {instancePath:instancePath+"/snmp/targets/" + i4+"/communityEnv",schemaPath:"#/properties/snmp/properties/targets/items/properties/communityEnv/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.snmp.properties.targets.items.properties.communityEnv.type,parentSchema:schema11.properties.snmp.properties.targets.items.properties.communityEnv,data:data105};
if(vErrors === null){
vErrors = [err280];
}
else {
vErrors.push(err280);
}
errors++;
}
}
if(data99.user !== undefined){
let data106 = data99.user;
if(typeof data106 === "string"){
if(func3(data106) > 32){
const err281 = {instancePath:instancePath+"/snmp/targets/" + i4+"/user",schemaPath:"#/properties/snmp/properties/targets/items/properties/user/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters",schema:32,parentSchema:schema11.properties.snmp.properties.targets.items.properties.user,data:data106};
if(vErrors === null){
vErrors = [err281];
}
else {
vErrors.push(err281);
}
errors++;
}
if(func3(data106) < 1){
const err282 = {instancePath:instancePath+"/snmp/targets/" + i4+"/user",schemaPath:"#/properties/snmp/properties/targets/items/properties/user/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.snmp.properties.targets.items.properties.user,data:data106};
if(vErrors === null){
vErrors = [err282];
}
else {
vErrors.push(err282);
}
errors++;
}
}
else {
const err283 = {instancePath:instancePath+"/snmp/targets/" + i4+"/user",schemaPath:"#/properties/snmp/properties/targets/items/properties/user/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.snmp.properties.targets.items.properties.user.type,parentSchema:schema11.properties.snmp.properties.targets.items.properties.user,data:data106};
if(vErrors === null){
vErrors = [err283];
}
else {
vErrors.push(err283);
}
errors++;
}
}
if(data99.authProtocol !== undefined){
let data107 = data99.authProtocol;
if(typeof data107 !== "string"){
const err284 = {instancePath:instancePath+"/snmp/targets/" + i4+"/authProtocol",schemaPath:"#/properties/snmp/properties/targets/items/properties/authProtocol/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.snmp.properties.targets.items.properties.authProtocol.type,parentSchema:schema11.properties.snmp.properties.targets.items.properties.authProtocol,data:data107};
if(vErrors === null){
vErrors = [err284];
}
else {
vErrors.push(err284);
}
errors++;
}
if(!((((((data107 === "md5") || (data107 === "sha")) || (data107 === "sha224")) || (data107 === "sha256")) || (data107 === "sha384")) || (data107 === "sha512"))){
const err285 = {instancePath:instancePath+"/snmp/targets/" + i4+"/authProtocol",schemaPath:"#/properties/snmp/properties/targets/items/properties/authProtocol/enum",keyword:"enum",params:{allowedValues: schema11.properties.snmp.properties.targets.items.properties.authProtocol.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.snmp.properties.targets.items.properties.authProtocol.enum,parentSchema:schema11.properties.snmp.properties.targets.items.properties.authProtocol,data:data107};
if(vErrors === null){
vErrors = [err285];
}
else {
vErrors.push(err285);
}
errors++;
}
}
if(data99.authKey !== undefined){
let data108 = data99.authKey;
if(typeof data108 === "string"){
if(func3(data108) > 256){
const err286 = {instancePath:instancePath+"/snmp/targets/" + i4+"/authKey",schemaPath:"#/properties/snmp/properties/targets/items/properties/authKey/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema11.properties.snmp.properties.targets.items.properties.authKey,data:data108};
if(vErrors === null){
vErrors = [err286];
}
else {
vErrors.push(err286);
}
errors++;
}
if(func3(data108) < 8){
const err287 = {instancePath:instancePath+"/snmp/targets/" + i4+"/authKey",schemaPath:"#/properties/snmp/properties/targets/items/properties/authKey/minLength",keyword:"minLength",params:{limit: 8},message:"must NOT have fewer than 8 characters",schema:8,parentSchema:schema11.properties.snmp.properties.targets.items.properties.authKey,data:data108};
if(vErrors === null){
vErrors = [err287];
}
else {
vErrors.push(err287);
}
errors++;
}
}
else {
const err288 = {instancePath:instancePath+"/snmp/targets/" + i4+"/authKey",schemaPath:"#/properties/snmp/properties/targets/items/properties/authKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.snmp.properties.targets.items.properties.authKey.type,parentSchema:schema11.properties.snmp.properties.targets.items.properties.authKey,data:data108};
if(vErrors === null){
vErrors = [err288];
}
else {
vErrors.push(err288);
}
errors++;
}
}
if(data99.authKeyFile !== undefined){
let data109 = data99.authKeyFile;
if(typeof data109 === "string"){
if(func3(data109) > 4096){
const err289 = {instancePath:instancePath+"/snmp/targets/" + i4+"/authKeyFile",schemaPath:"#/properties/snmp/properties/targets/items/properties/authKeyFile/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.snmp.properties.targets.items.properties.authKeyFile,data:data109};
if(vErrors === null){
vErrors = [err289];
}
else {
vErrors.push(err289);
}
errors++;
}
if(!pattern4.test(data109)){
const err290 = {instancePath:instancePath+"/snmp/targets/" + i4+"/authKeyFile",schemaPath:"#/properties/snmp/properties/targets/items/properties/authKeyFile/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\"",schema:"^/",parentSchema:schema11.properties.snmp.properties.targets.items.properties.authKeyFile,data:data109};
if(vErrors === null){
vErrors = [err290];
}
else {
vErrors.push(err290);
}
errors++;
}
}
else {
const err291 = {instancePath:instancePath+"/snmp/targets/" + i4+"/authKeyFile",schemaPath:"#/properties/snmp/properties/targets/items/properties/authKeyFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.snmp.properties.targets.items.properties.authKeyFile.type,parentSchema:schema11.properties.snmp.properties.targets.items.properties.authKeyFile,data:data109};
if(vErrors === null){
vErrors = [err291];
}
else {
vErrors.push(err291);
}
errors++;
}
}
if(data99.authKeyEnv !== undefined){
let data110 = data99.authKeyEnv;
if(typeof data110 === "string"){
if(func3(data110) > 128){
const err292 = {instancePath:instancePath+"/snmp/targets/" + i4+"/authKeyEnv",schemaPath:"#/properties/snmp/properties/targets/items/properties/authKeyEnv/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema11.properties.snmp.properties.targets.items.properties.authKeyEnv,data:data110};
if(vErrors === null){
vErrors = [err292];
}
else {
vErrors.push(err292);
}
errors++;
}
if(!pattern5.test(data110)){
const err293 = {instancePath:instancePath+"/snmp/targets/" + i4+"/authKeyEnv",schemaPath:"#/properties/snmp/properties/targets/items/properties/authKeyEnv/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema11.properties.snmp.properties.targets.items.properties.authKeyEnv,data:data110};
if(vErrors === null){
vErrors = [err293];
}
else {
vErrors.push(err293);
}
errors++;
}
}
else {
const err294 = {instancePath:instancePath+"/snmp/targets/" + i4+"/authKeyEnv",schemaPath:"#/properties/snmp/properties/targets/items/properties/authKeyEnv/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.snmp.properties.targets.items.properties.authKeyEnv.type,parentSchema:schema11.properties.snmp.properties.targets.items.properties.authKeyEnv,data:data110};
if(vErrors === null){
vErrors = [err294];
}
else {
vErrors.push(err294);
}
errors++;
}
}
if(data99.privProtocol !== undefined){
let data111 = data99.privProtocol;
if(typeof data111 !== "string"){
const err295 = {instancePath:instancePath+"/snmp/targets/" + i4+"/privProtocol",schemaPath:"#/properties/snmp/properties/targets/items/properties/privProtocol/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.snmp.properties.targets.items.properties.privProtocol.type,parentSchema:schema11.properties.snmp.properties.targets.items.properties.privProtocol,data:data111};
if(vErrors === null){
vErrors = [err295];
}
else {
vErrors.push(err295);
}
errors++;
}
if(!((((data111 === "des") || (data111 === "aes")) || (data111 === "aes256b")) || (data111 === "aes256r"))){
const err296 = {instancePath:instancePath+"/snmp/targets/" + i4+"/privProtocol",schemaPath:"#/properties/snmp/properties/targets/items/properties/privProtocol/enum",keyword:"enum",params:{allowedValues: schema11.properties.snmp.properties.targets.items.properties.privProtocol.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.snmp.properties.targets.items.properties.privProtocol.enum,parentSchema:schema11.properties.snmp.properties.targets.items.properties.privProtocol,data:data111};
if(vErrors === null){
vErrors = [err296];
}
else {
vErrors.push(err296);
}
errors++;
}
}
if(data99.privKey !== undefined){
let data112 = data99.privKey;
if(typeof data112 === "string"){
if(func3(data112) > 256){
const err297 = {instancePath:instancePath+"/snmp/targets/" + i4+"/privKey",schemaPath:"#/properties/snmp/properties/targets/items/properties/privKey/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema11.properties.snmp.properties.targets.items.properties.privKey,data:data112};
if(vErrors === null){
vErrors = [err297];
}
else {
vErrors.push(err297);
}
errors++;
}
if(func3(data112) < 8){
const err298 = {instancePath:instancePath+"/snmp/targets/" + i4+"/privKey",schemaPath:"#/properties/snmp/properties/targets/items/properties/privKey/minLength",keyword:"minLength",params:{limit: 8},message:"must NOT have fewer than 8 characters",schema:8,parentSchema:schema11.properties.snmp.properties.targets.items.properties.privKey,data:data112};
if(vErrors === null){
vErrors = [err298];
}
else {
vErrors.push(err298);
}
errors++;
}
}
else {
const err299 = {instancePath:instancePath+"/snmp/targets/" + i4+"/privKey",schemaPath:"#/properties/snmp/properties/targets/items/properties/privKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.snmp.properties.targets.items.properties.privKey.type,parentSchema:schema11.properties.snmp.properties.targets.items.properties.privKey,data:data112};
if(vErrors === null){
vErrors = [err299];
}
else {
vErrors.push(err299);
}
errors++;
}
}
if(data99.privKeyFile !== undefined){
let data113 = data99.privKeyFile;
if(typeof data113 === "string"){
if(func3(data113) > 4096){
const err300 = {instancePath:instancePath+"/snmp/targets/" + i4+"/privKeyFile",schemaPath:"#/properties/snmp/properties/targets/items/properties/privKeyFile/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.snmp.properties.targets.items.properties.privKeyFile,data:data113};
if(vErrors === null){
vErrors = [err300];
}
else {
vErrors.push(err300);
}
errors++;
}
if(!pattern4.test(data113)){
const err301 = {instancePath:instancePath+"/snmp/targets/" + i4+"/privKeyFile",schemaPath:"#/properties/snmp/properties/targets/items/properties/privKeyFile/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\"",schema:"^/",parentSchema:schema11.properties.snmp.properties.targets.items.properties.privKeyFile,data:data113};
if(vErrors === null){
vErrors = [err301];
}
else {
vErrors.push(err301);
}
errors++;
}
}
else {
const err302 = {instancePath:instancePath+"/snmp/targets/" + i4+"/privKeyFile",schemaPath:"#/properties/snmp/properties/targets/items/properties/privKeyFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.snmp.properties.targets.items.properties.privKeyFile.type,parentSchema:schema11.properties.snmp.properties.targets.items.properties.privKeyFile,data:data113};
if(vErrors === null){
vErrors = [err302];
}
else {
vErrors.push(err302);
}
errors++;
}
}
if(data99.privKeyEnv !== undefined){
let data114 = data99.privKeyEnv;
if(typeof data114 === "string"){
if(func3(data114) > 128){
const err303 = {instancePath:instancePath+"/snmp/targets/" + i4+"/privKeyEnv",schemaPath:"#/properties/snmp/properties/targets/items/properties/privKeyEnv/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema11.properties.snmp.properties.targets.items.properties.privKeyEnv,data:data114};
if(vErrors === null){
vErrors = [err303];
}
else {
vErrors.push(err303);
}
errors++;
}
if(!pattern5.test(data114)){
const err304 = {instancePath:instancePath+"/snmp/targets/" + i4+"/privKeyEnv",schemaPath:"#/properties/snmp/properties/targets/items/properties/privKeyEnv/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema11.properties.snmp.properties.targets.items.properties.privKeyEnv,data:data114};
if(vErrors === null){
vErrors = [err304];
}
else {
vErrors.push(err304);
}
errors++;
}
}
else {
const err305 = {instancePath:instancePath+"/snmp/targets/" + i4+"/privKeyEnv",schemaPath:"#/properties/snmp/properties/targets/items/properties/privKeyEnv/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.snmp.properties.targets.items.properties.privKeyEnv.type,parentSchema:schema11.properties.snmp.properties.targets.items.properties.privKeyEnv,data:data114};
if(vErrors === null){
vErrors = [err305];
}
else {
vErrors.push(err305);
}
errors++;
}
}
if(data99.retries !== undefined){
let data115 = data99.retries;
if(!(((typeof data115 == "number") && (!(data115 % 1) && !isNaN(data115))) && (isFinite(data115)))){
const err306 = {instancePath:instancePath+"/snmp/targets/" + i4+"/retries",schemaPath:"#/properties/snmp/properties/targets/items/properties/retries/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.snmp.properties.targets.items.properties.retries.type,parentSchema:schema11.properties.snmp.properties.targets.items.properties.retries,data:data115};
if(vErrors === null){
vErrors = [err306];
}
else {
vErrors.push(err306);
}
errors++;
}
if((typeof data115 == "number") && (isFinite(data115))){
if(data115 > 20 || isNaN(data115)){
const err307 = {instancePath:instancePath+"/snmp/targets/" + i4+"/retries",schemaPath:"#/properties/snmp/properties/targets/items/properties/retries/maximum",keyword:"maximum",params:{comparison: "<=", limit: 20},message:"must be <= 20",schema:20,parentSchema:schema11.properties.snmp.properties.targets.items.properties.retries,data:data115};
if(vErrors === null){
vErrors = [err307];
}
else {
vErrors.push(err307);
}
errors++;
}
if(data115 < 0 || isNaN(data115)){
const err308 = {instancePath:instancePath+"/snmp/targets/" + i4+"/retries",schemaPath:"#/properties/snmp/properties/targets/items/properties/retries/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema11.properties.snmp.properties.targets.items.properties.retries,data:data115};
if(vErrors === null){
vErrors = [err308];
}
else {
vErrors.push(err308);
}
errors++;
}
}
}
if(data99.timeoutMs !== undefined){
let data116 = data99.timeoutMs;
if(!(((typeof data116 == "number") && (!(data116 % 1) && !isNaN(data116))) && (isFinite(data116)))){
const err309 = {instancePath:instancePath+"/snmp/targets/" + i4+"/timeoutMs",schemaPath:"#/properties/snmp/properties/targets/items/properties/timeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.snmp.properties.targets.items.properties.timeoutMs.type,parentSchema:schema11.properties.snmp.properties.targets.items.properties.timeoutMs,data:data116};
if(vErrors === null){
vErrors = [err309];
}
else {
vErrors.push(err309);
}
errors++;
}
if((typeof data116 == "number") && (isFinite(data116))){
if(data116 > 600000 || isNaN(data116)){
const err310 = {instancePath:instancePath+"/snmp/targets/" + i4+"/timeoutMs",schemaPath:"#/properties/snmp/properties/targets/items/properties/timeoutMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 600000},message:"must be <= 600000",schema:600000,parentSchema:schema11.properties.snmp.properties.targets.items.properties.timeoutMs,data:data116};
if(vErrors === null){
vErrors = [err310];
}
else {
vErrors.push(err310);
}
errors++;
}
if(data116 < 100 || isNaN(data116)){
const err311 = {instancePath:instancePath+"/snmp/targets/" + i4+"/timeoutMs",schemaPath:"#/properties/snmp/properties/targets/items/properties/timeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100",schema:100,parentSchema:schema11.properties.snmp.properties.targets.items.properties.timeoutMs,data:data116};
if(vErrors === null){
vErrors = [err311];
}
else {
vErrors.push(err311);
}
errors++;
}
}
}
if(data99.agentAddress !== undefined){
let data117 = data99.agentAddress;
if(typeof data117 === "string"){
if(func3(data117) > 15){
const err312 = {instancePath:instancePath+"/snmp/targets/" + i4+"/agentAddress",schemaPath:"#/properties/snmp/properties/targets/items/properties/agentAddress/maxLength",keyword:"maxLength",params:{limit: 15},message:"must NOT have more than 15 characters",schema:15,parentSchema:schema11.properties.snmp.properties.targets.items.properties.agentAddress,data:data117};
if(vErrors === null){
vErrors = [err312];
}
else {
vErrors.push(err312);
}
errors++;
}
}
else {
const err313 = {instancePath:instancePath+"/snmp/targets/" + i4+"/agentAddress",schemaPath:"#/properties/snmp/properties/targets/items/properties/agentAddress/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.snmp.properties.targets.items.properties.agentAddress.type,parentSchema:schema11.properties.snmp.properties.targets.items.properties.agentAddress,data:data117};
if(vErrors === null){
vErrors = [err313];
}
else {
vErrors.push(err313);
}
errors++;
}
}
}
else {
const err314 = {instancePath:instancePath+"/snmp/targets/" + i4,schemaPath:"#/properties/snmp/properties/targets/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.snmp.properties.targets.items.type,parentSchema:schema11.properties.snmp.properties.targets.items,data:data99};
if(vErrors === null){
vErrors = [err314];
}
else {
vErrors.push(err314);
}
errors++;
}
}
}
else {
const err315 = {instancePath:instancePath+"/snmp/targets",schemaPath:"#/properties/snmp/properties/targets/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.snmp.properties.targets.type,parentSchema:schema11.properties.snmp.properties.targets,data:data98};
if(vErrors === null){
vErrors = [err315];
}
else {
vErrors.push(err315);
}
errors++;
}
}
if(data97.community !== undefined){
let data118 = data97.community;
if(typeof data118 === "string"){
if(func3(data118) > 256){
const err316 = {instancePath:instancePath+"/snmp/community",schemaPath:"#/properties/snmp/properties/community/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema11.properties.snmp.properties.community,data:data118};
if(vErrors === null){
vErrors = [err316];
}
else {
vErrors.push(err316);
}
errors++;
}
if(func3(data118) < 1){
const err317 = {instancePath:instancePath+"/snmp/community",schemaPath:"#/properties/snmp/properties/community/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.snmp.properties.community,data:data118};
if(vErrors === null){
vErrors = [err317];
}
else {
vErrors.push(err317);
}
errors++;
}
}
else {
const err318 = {instancePath:instancePath+"/snmp/community",schemaPath:"#/properties/snmp/properties/community/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.snmp.properties.community.type,parentSchema:schema11.properties.snmp.properties.community,data:data118};
if(vErrors === null){
vErrors = [err318];
}
else {
vErrors.push(err318);
}
errors++;
}
}
if(data97.enterpriseOid !== undefined){
let data119 = data97.enterpriseOid;
if(typeof data119 === "string"){
if(func3(data119) > 256){
const err319 = {instancePath:instancePath+"/snmp/enterpriseOid",schemaPath:"#/properties/snmp/properties/enterpriseOid/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema11.properties.snmp.properties.enterpriseOid,data:data119};
if(vErrors === null){
vErrors = [err319];
}
else {
vErrors.push(err319);
}
errors++;
}
if(func3(data119) < 1){
const err320 = {instancePath:instancePath+"/snmp/enterpriseOid",schemaPath:"#/properties/snmp/properties/enterpriseOid/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.snmp.properties.enterpriseOid,data:data119};
if(vErrors === null){
vErrors = [err320];
}
else {
vErrors.push(err320);
}
errors++;
}
if(!pattern10.test(data119)){
const err321 = {instancePath:instancePath+"/snmp/enterpriseOid",schemaPath:"#/properties/snmp/properties/enterpriseOid/pattern",keyword:"pattern",params:{pattern: "^1\\.3\\.6\\.1(\\.(0|[1-9][0-9]{0,9})){1,24}$"},message:"must match pattern \""+"^1\\.3\\.6\\.1(\\.(0|[1-9][0-9]{0,9})){1,24}$"+"\"",schema:"^1\\.3\\.6\\.1(\\.(0|[1-9][0-9]{0,9})){1,24}$",parentSchema:schema11.properties.snmp.properties.enterpriseOid,data:data119};
if(vErrors === null){
vErrors = [err321];
}
else {
vErrors.push(err321);
}
errors++;
}
}
else {
const err322 = {instancePath:instancePath+"/snmp/enterpriseOid",schemaPath:"#/properties/snmp/properties/enterpriseOid/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.snmp.properties.enterpriseOid.type,parentSchema:schema11.properties.snmp.properties.enterpriseOid,data:data119};
if(vErrors === null){
vErrors = [err322];
}
else {
vErrors.push(err322);
}
errors++;
}
}
if(data97.engineId !== undefined){
let data120 = data97.engineId;
if(typeof data120 === "string"){
if(func3(data120) > 4096){
const err323 = {instancePath:instancePath+"/snmp/engineId",schemaPath:"#/properties/snmp/properties/engineId/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.snmp.properties.engineId,data:data120};
if(vErrors === null){
vErrors = [err323];
}
else {
vErrors.push(err323);
}
errors++;
}
if(func3(data120) < 1){
const err324 = {instancePath:instancePath+"/snmp/engineId",schemaPath:"#/properties/snmp/properties/engineId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.snmp.properties.engineId,data:data120};
if(vErrors === null){
vErrors = [err324];
}
else {
vErrors.push(err324);
}
errors++;
}
if(!pattern11.test(data120)){
const err325 = {instancePath:instancePath+"/snmp/engineId",schemaPath:"#/properties/snmp/properties/engineId/pattern",keyword:"pattern",params:{pattern: "^(0x)?([0-9A-Fa-f]{2}){5,32}$"},message:"must match pattern \""+"^(0x)?([0-9A-Fa-f]{2}){5,32}$"+"\"",schema:"^(0x)?([0-9A-Fa-f]{2}){5,32}$",parentSchema:schema11.properties.snmp.properties.engineId,data:data120};
if(vErrors === null){
vErrors = [err325];
}
else {
vErrors.push(err325);
}
errors++;
}
}
else {
const err326 = {instancePath:instancePath+"/snmp/engineId",schemaPath:"#/properties/snmp/properties/engineId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.snmp.properties.engineId.type,parentSchema:schema11.properties.snmp.properties.engineId,data:data120};
if(vErrors === null){
vErrors = [err326];
}
else {
vErrors.push(err326);
}
errors++;
}
}
if(data97.queue !== undefined){
let data121 = data97.queue;
if(!(((typeof data121 == "number") && (!(data121 % 1) && !isNaN(data121))) && (isFinite(data121)))){
const err327 = {instancePath:instancePath+"/snmp/queue",schemaPath:"#/properties/snmp/properties/queue/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.snmp.properties.queue.type,parentSchema:schema11.properties.snmp.properties.queue,data:data121};
if(vErrors === null){
vErrors = [err327];
}
else {
vErrors.push(err327);
}
errors++;
}
if((typeof data121 == "number") && (isFinite(data121))){
if(data121 > 1000000 || isNaN(data121)){
const err328 = {instancePath:instancePath+"/snmp/queue",schemaPath:"#/properties/snmp/properties/queue/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema11.properties.snmp.properties.queue,data:data121};
if(vErrors === null){
vErrors = [err328];
}
else {
vErrors.push(err328);
}
errors++;
}
if(data121 < 1 || isNaN(data121)){
const err329 = {instancePath:instancePath+"/snmp/queue",schemaPath:"#/properties/snmp/properties/queue/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.snmp.properties.queue,data:data121};
if(vErrors === null){
vErrors = [err329];
}
else {
vErrors.push(err329);
}
errors++;
}
}
}
}
else {
const err330 = {instancePath:instancePath+"/snmp",schemaPath:"#/properties/snmp/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.snmp.type,parentSchema:schema11.properties.snmp,data:data97};
if(vErrors === null){
vErrors = [err330];
}
else {
vErrors.push(err330);
}
errors++;
}
}
if(data.footprint !== undefined){
let data122 = data.footprint;
if(typeof data122 !== "string"){
const err331 = {instancePath:instancePath+"/footprint",schemaPath:"#/properties/footprint/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.footprint.type,parentSchema:schema11.properties.footprint,data:data122};
if(vErrors === null){
vErrors = [err331];
}
else {
vErrors.push(err331);
}
errors++;
}
if(!((data122 === "balanced") || (data122 === "lean"))){
const err332 = {instancePath:instancePath+"/footprint",schemaPath:"#/properties/footprint/enum",keyword:"enum",params:{allowedValues: schema11.properties.footprint.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.footprint.enum,parentSchema:schema11.properties.footprint,data:data122};
if(vErrors === null){
vErrors = [err332];
}
else {
vErrors.push(err332);
}
errors++;
}
}
if(data.shutdownGraceMs !== undefined){
let data123 = data.shutdownGraceMs;
if(!(((typeof data123 == "number") && (!(data123 % 1) && !isNaN(data123))) && (isFinite(data123)))){
const err333 = {instancePath:instancePath+"/shutdownGraceMs",schemaPath:"#/properties/shutdownGraceMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.shutdownGraceMs.type,parentSchema:schema11.properties.shutdownGraceMs,data:data123};
if(vErrors === null){
vErrors = [err333];
}
else {
vErrors.push(err333);
}
errors++;
}
if((typeof data123 == "number") && (isFinite(data123))){
if(data123 > 600000 || isNaN(data123)){
const err334 = {instancePath:instancePath+"/shutdownGraceMs",schemaPath:"#/properties/shutdownGraceMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 600000},message:"must be <= 600000",schema:600000,parentSchema:schema11.properties.shutdownGraceMs,data:data123};
if(vErrors === null){
vErrors = [err334];
}
else {
vErrors.push(err334);
}
errors++;
}
if(data123 < 0 || isNaN(data123)){
const err335 = {instancePath:instancePath+"/shutdownGraceMs",schemaPath:"#/properties/shutdownGraceMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema11.properties.shutdownGraceMs,data:data123};
if(vErrors === null){
vErrors = [err335];
}
else {
vErrors.push(err335);
}
errors++;
}
}
}
if(data.staleAfterSec !== undefined){
let data124 = data.staleAfterSec;
if((typeof data124 == "number") && (isFinite(data124))){
if(data124 > 86400 || isNaN(data124)){
const err336 = {instancePath:instancePath+"/staleAfterSec",schemaPath:"#/properties/staleAfterSec/maximum",keyword:"maximum",params:{comparison: "<=", limit: 86400},message:"must be <= 86400",schema:86400,parentSchema:schema11.properties.staleAfterSec,data:data124};
if(vErrors === null){
vErrors = [err336];
}
else {
vErrors.push(err336);
}
errors++;
}
if(data124 < 1 || isNaN(data124)){
const err337 = {instancePath:instancePath+"/staleAfterSec",schemaPath:"#/properties/staleAfterSec/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.staleAfterSec,data:data124};
if(vErrors === null){
vErrors = [err337];
}
else {
vErrors.push(err337);
}
errors++;
}
}
else {
const err338 = {instancePath:instancePath+"/staleAfterSec",schemaPath:"#/properties/staleAfterSec/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema11.properties.staleAfterSec.type,parentSchema:schema11.properties.staleAfterSec,data:data124};
if(vErrors === null){
vErrors = [err338];
}
else {
vErrors.push(err338);
}
errors++;
}
}
}
else {
const err339 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err339];
}
else {
vErrors.push(err339);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}
