#!/usr/bin/env python3
"""
An independent count of a TFLite model's params and MACs, from the tensors alone, for checking
model-budget's TFLite reader and rules by hand. It shares no code with the project: it reads the
JSON that flatc writes from the official schema (flatc -t --strict-json --defaults-json --raw-binary
schema.fbs -- model.tflite), and applies the textbook formulas:

  CONV_2D            MACs = N·Ho·Wo·Cout · KH·KW·Cin_filter      (filter OHWI)
  DEPTHWISE_CONV_2D  MACs = N·Ho·Wo·C · KH·KW                    (filter 1HWC, C = Cin·multiplier)
  TRANSPOSE_CONV     MACs = N·Hi·Wi·Cin · KH·KW·Cout              (weights OHWI)
  FULLY_CONNECTED    MACs = rows · units · in,  rows = |input| / in
  BATCH_MATMUL       MACs = |output| · K
  CONV_3D            MACs = |output| · KD·KH·KW·Cin
  core MACs = the sum of the above.
  UNIDIRECTIONAL_SEQUENCE_LSTM  MACs = B·T·(4·U·I + 4·U·R) (+ B·T·P·U with projection), R = P or U
  UNIDIRECTIONAL_SEQUENCE_RNN   MACs = B·T·(U·I + U·U)
  SVDF               MACs = B·(F·I + F·M),  F filters, M memory size
  params = elements of constant tensors (a buffer with data) that are not int32/int64/bool/string,
           plus int32 constants read as a bias: CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED
           (input 2), TRANSPOSE_CONV (3), LSTM gate and projection biases (12-15, 17), SVDF and
           RNN (3); each tensor once. (A quantized model then has its float original's params.)
Usage: tflite_hand_count.py schema.fbs model.json [...]
"""
import json, sys
from math import prod

CORE = {'CONV_2D', 'DEPTHWISE_CONV_2D', 'TRANSPOSE_CONV', 'FULLY_CONNECTED', 'BATCH_MATMUL', 'CONV_3D'}
# Input slots of biases, stored as int32 in quantized models (and then params all the same).
BIAS = {'CONV_2D': {2}, 'DEPTHWISE_CONV_2D': {2}, 'FULLY_CONNECTED': {2}, 'TRANSPOSE_CONV': {3},
        'UNIDIRECTIONAL_SEQUENCE_LSTM': {12, 13, 14, 15, 17}, 'LSTM': {12, 13, 14, 15, 17},
        'SVDF': {3}, 'UNIDIRECTIONAL_SEQUENCE_RNN': {3}, 'RNN': {3}}
NOT_WEIGHT = {'INT32', 'INT64', 'BOOL', 'STRING', 'UINT64'}

def builtin_names(schema):
    """BuiltinOperator's members by value, from the schema's enum block."""
    import re
    text = open(schema).read()
    block = text[text.index('enum BuiltinOperator'):]
    block = block[:block.index('}')]
    return {int(v): k for k, v in re.findall(r'^\s*([A-Z_0-9]+)\s*=\s*(-?\d+)', block, re.M)}

NAMES = {}

def opname(code):
    """max(deprecated_builtin_code, builtin_code), as schema_utils.cc GetBuiltinCode does."""
    by_name = {v: k for k, v in NAMES.items()}
    b = code.get('builtin_code', 'ADD')
    b = by_name.get(b, 0) if isinstance(b, str) else b
    d = code.get('deprecated_builtin_code', 0)
    c = max(b, d)
    name = NAMES.get(c, str(c))
    return name if name != 'CUSTOM' else 'custom:' + str(code.get('custom_code'))

def count(path):
    m = json.load(open(path))
    has_data = [bool(b.get('data')) or b.get('offset', 0) > 1 for b in m['buffers']]
    params = 0
    counted = set()
    core = 0
    other = 0
    per_op = {}
    for si, sg in enumerate(m['subgraphs']):
        T = sg['tensors']
        const = lambda i: i >= 0 and has_data[T[i]['buffer']] if T[i].get('buffer', 0) < len(has_data) else False
        for op in sg.get('operators', []):
            name = opname(m['operator_codes'][op.get('opcode_index', 0)])
            ins = op.get('inputs', [])
            outs = op.get('outputs', [])
            for slot, i in enumerate(ins):
                if i < 0 or (si, i) in counted or not const(i):
                    continue
                t = T[i]
                if t['type'] in NOT_WEIGHT and not (t['type'] == 'INT32' and slot in BIAS.get(name, ())):
                    continue
                counted.add((si, i))
                params += prod(t.get('shape', []))
            shp = lambda i: T[i]['shape']
            macs = 0
            if name == 'CONV_2D':
                n, ho, wo, co = shp(outs[0]); _, kh, kw, ci = shp(ins[1]); macs = n * ho * wo * co * kh * kw * ci
            elif name == 'DEPTHWISE_CONV_2D':
                n, ho, wo, c = shp(outs[0]); _, kh, kw, _ = shp(ins[1]); macs = n * ho * wo * c * kh * kw
            elif name == 'TRANSPOSE_CONV':
                co, kh, kw, ci = shp(ins[1]); n, hi, wi, _ = shp(ins[2]); macs = n * hi * wi * ci * kh * kw * co
            elif name == 'FULLY_CONNECTED':
                u, i_ = shp(ins[1]); rows = prod(shp(ins[0])) // i_; macs = rows * u * i_
            elif name == 'BATCH_MATMUL':
                a = shp(ins[0]); adj = op.get('builtin_options', {}).get('adj_x', False)
                k = a[-2] if adj else a[-1]; macs = prod(shp(outs[0])) * k
            elif name == 'CONV_3D':
                kd, kh, kw, ci, _ = shp(ins[1]); macs = prod(shp(outs[0])) * kd * kh * kw * ci
            if name in CORE:
                core += macs
            elif name == 'UNIDIRECTIONAL_SEQUENCE_LSTM':
                x = shp(ins[0]); tm = op.get('builtin_options', {}).get('time_major', False)
                t_, b = (x[0], x[1]) if tm else (x[1], x[0]); i_ = x[2]
                u = shp(ins[4])[0]  # input_to_forget_weights [U, I]
                r = shp(ins[8])[1]  # recurrent_to_forget_weights [U, R]
                proj = ins[16] if len(ins) > 16 else -1
                macs = b * t_ * (4 * u * i_ + 4 * u * r) + (b * t_ * prod(shp(proj)) if proj >= 0 else 0)
                other += macs
            elif name == 'UNIDIRECTIONAL_SEQUENCE_RNN':
                x = shp(ins[0]); tm = op.get('builtin_options', {}).get('time_major', False)
                t_, b = (x[0], x[1]) if tm else (x[1], x[0]); u, i_ = shp(ins[1])
                macs = b * t_ * (u * i_ + u * u); other += macs
            elif name == 'SVDF':
                b, i_ = shp(ins[0]); f, _ = shp(ins[1]); _, mem = shp(ins[2])
                macs = b * (f * i_ + f * mem); other += macs
            per_op.setdefault(name, [0, 0]); per_op[name][0] += 1; per_op[name][1] += macs
    return {'params': params, 'coreMacs': core, 'recurrentMacs': other, 'ops': per_op, 'subgraphs': len(m['subgraphs'])}

if __name__ == '__main__':
    NAMES.update(builtin_names(sys.argv[1]))
    for p in sys.argv[2:]:
        r = count(p)
        print(p, json.dumps({k: v for k, v in r.items() if k != 'ops'}))
        for k, (n, macs) in sorted(r['ops'].items()):
            print(f'   {k:32s} {n:4d} {macs:>14,}')
