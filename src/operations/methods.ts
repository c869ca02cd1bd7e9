/** Extrinsic methods (DSP0200 §5.3.3): typed by the class's declaration, run by the owning provider. */
import {
  CIMError, CIMInstanceName, CIMStatus, scalarFromText, sameName, type CIMMethod, type CIMParameter, type CIMValue,
} from '../cim/index.js';
import { brokerMethod } from './dispatch.js';
import { classOf, instanceAt, namespaceOf, valueNamed } from './lookup.js';
import type { ExtrinsicCall, MethodResponse, OperationContext, ParamValue } from './types.js';

export async function invokeMethod(ctx: OperationContext, call: ExtrinsicCall): Promise<MethodResponse> {
  const ns = namespaceOf(ctx.repository, call.namespace);
  const cls = classOf(ctx, ns, call.target.classname);
  const method = cls.methods.get(call.name);
  if (!method) throw new CIMError(CIMStatus.METHOD_NOT_FOUND, `class ${cls.classname} has no method ${call.name}`);
  // The path keeps the namespace as the caller spelled it (an alias such as `interop`): looked up in the one it names.
  const target = call.target instanceof CIMInstanceName ? instanceAt(ctx, ns, call.target.withLocation(ns)).path! : { classname: cls.classname };
  const inputs = typedInputs(ctx, ns, method, call);
  const result = await run(ctx, ns, target, method, inputs);
  return {
    returnType: method.returnType,
    returnValue: result.returnValue,
    out: Object.entries(result.out ?? {}).map(([name, value]) => outParameter(method, name, value)),
  };
}

/** The broker's own method (dispatch.ts), or the call routed to the provider that owns the class. */
function run(ctx: OperationContext, namespace: string, target: ExtrinsicCall['target'], method: CIMMethod, inputs: Record<string, CIMValue>) {
  const own = brokerMethod(ctx, namespace, target.classname, method.name);
  if (own) return own.run(ctx, namespace, target);
  if (!ctx.router) throw new CIMError(CIMStatus.NOT_SUPPORTED, `method ${method.name} of ${target.classname} is not supported`);
  return ctx.router.invokeMethod(namespace, target, method.name, inputs, ctx.signal);
}

function typedInputs(ctx: OperationContext, ns: string, method: CIMMethod, call: ExtrinsicCall): Record<string, CIMValue> {
  const inputs: Record<string, CIMValue> = {};
  for (const { name, value } of call.params) {
    const declared = method.parameters.get(name);
    if (!declared || !isInput(declared)) {
      throw new CIMError(CIMStatus.INVALID_PARAMETER, `method ${method.name} has no input parameter ${name}`);
    }
    if (Object.keys(inputs).some((n) => sameName(n, declared.name))) {
      throw new CIMError(CIMStatus.INVALID_PARAMETER, `parameter ${name} is given twice`);
    }
    inputs[declared.name] = valueNamed(ctx, ns, typed(declared, value), `parameter ${declared.name}`);
  }
  const absent = missingRequired(method, inputs);
  if (absent.length) throw new CIMError(CIMStatus.INVALID_PARAMETER, `method ${method.name} requires a value for ${absent.join(', ')}`);
  return inputs;
}

/** DSP0004's Required on an IN parameter: a non-NULL value must be passed; missing parameters are DSP0200's 4. */
function missingRequired(method: CIMMethod, inputs: Record<string, CIMValue>): string[] {
  const required = [...method.parameters.values()].filter((p) => isInput(p) && p.qualifiers.get('Required')?.value === true);
  return required.filter((p) => inputs[p.name] === undefined || inputs[p.name] === null).map((p) => p.name);
}

function isInput(p: CIMParameter): boolean {
  return p.qualifiers.get('IN')?.value !== false;
}

function typed(p: CIMParameter, value: ParamValue): CIMValue {
  try {
    switch (value.kind) {
      case 'null':
        return null;
      case 'value':
        if (!p.isArray && p.embeddedObject && value.embedded) return value.embedded;
        if (!p.isArray && p.type !== 'reference') return scalarFromText(p.type, value.text);
        break;
      case 'array':
        if (p.isArray && p.embeddedObject && value.embedded) return [...value.embedded];
        if (p.isArray) return value.items.map((i) => (i === null ? null : scalarFromText(p.type, i)));
        break;
      case 'instancename':
      case 'reference':
        if (p.type === 'reference' && !p.isArray && value.path instanceof CIMInstanceName) return value.path;
        break;
      case 'refarray':
        if (p.type === 'reference' && p.isArray) return value.items.map((i) => (i instanceof CIMInstanceName ? i : null));
        break;
      case 'instance':
        if (p.embeddedObject) return value.instance;
        break;
    }
  } catch (e) {
    throw new CIMError(CIMStatus.INVALID_PARAMETER, `parameter ${p.name}: ${(e as Error).message}`);
  }
  throw new CIMError(CIMStatus.INVALID_PARAMETER, `parameter ${p.name} must be ${p.type}${p.isArray ? '[]' : ''}`);
}

function outParameter(method: CIMMethod, name: string, value: CIMValue): MethodResponse['out'][number] {
  const declared = method.parameters.get(name);
  if (!declared) throw new CIMError(CIMStatus.FAILED, `the method's answer has an undeclared output parameter ${name} of ${method.name}`);
  return { name: declared.name, type: declared.type, value, embedded: declared.embeddedObject, referenceClass: declared.referenceClass };
}
