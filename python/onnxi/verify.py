"""onnxi.verify: does a torch export compute what the torch module computes, and if not,
which submodule's part of the graph goes wrong first?

    report = onnxi.verify(model, (x,))                  # exports with torch.onnx.export
    report = onnxi.verify(model, (x,), "model.onnx")    # or checks a given export
    print(report)            # per output: max abs / max rel error, PASS or FAIL
    report.passed, report.divergence

How it works:
1. torch runs the module on the inputs (``torch.no_grad()``, in the mode ``training`` asks
   for; eval by default) and the reference outputs are kept *before* the export, which puts
   a module back into the mode it had.
2. The module is exported to a temporary file (unless an .onnx is given) and onnxi runs it
   on the same inputs. Each output passes when every element has
   ``|onnxi - torch| <= atol + rtol * |torch|`` (NaN equal to NaN), as
   ``torch.testing.assert_close`` and ``np.allclose`` judge it.
3. When an output fails, forward hooks capture every submodule's output, and the graph's
   nodes are mapped to submodules through the scope names torch gives them
   (``/layer1/layer1.0/conv1/Conv`` is in ``layer1.0.conv1``). A submodule's ONNX counterpart
   is the values its nodes produce that leave its scope, matched to its torch outputs by
   shape, in order. They are made extra graph outputs of a copy of the model and read from one
   onnxi run. The first submodule (in the order torch finished them) whose counterpart is
   beyond the tolerances is the divergence, unless its input (the values entering its scope)
   is wrong already: then the first wrong value was made by its parent's own code (the
   functional part of its forward), and the report names the parent and that value.

   torch's exporter folds some modules into the node before them (an eval-mode BatchNorm into
   its Conv) and drops others (Dropout in eval): such a module has no nodes of its own, so the
   nodes before it are compared with the output of the last such module that follows them.

Not handled: models whose inputs or outputs are not tensors (dicts of tensors are flattened
in order), submodules reached only inside If/Loop bodies.
"""

import math
import os
import tempfile

import numpy as np

from .session import InferenceSession


class OutputCheck:
    """One compared tensor: ``name``, ``shape``, ``max_abs``, ``max_rel``, ``passed`` and a
    ``note`` when the two could not be compared element by element."""

    def __init__(self, name, shape, max_abs, max_rel, passed, note=""):
        self.name, self.shape, self.max_abs, self.max_rel = name, shape, max_abs, max_rel
        self.passed, self.note = passed, note

    def line(self):
        verdict = "PASS" if self.passed else "FAIL"
        if self.note:
            return "%s  %s  %s" % (self.name, verdict, self.note)
        return "%s %s  max abs %.3g  max rel %.3g  %s" % (
            self.name, list(self.shape), self.max_abs, self.max_rel, verdict)

    def __repr__(self):
        return "OutputCheck(%s)" % self.line()


class ModuleCheck:
    """A submodule compared with its ONNX counterpart: ``module`` (qualified name),
    ``module_type``, ``onnx_values`` (the value names), ``max_abs``, ``max_rel``, ``passed``,
    and ``absorbed``: the modules after it that torch folded into its nodes (their output is
    the one compared)."""

    def __init__(self, module, module_type, onnx_values, max_abs, max_rel, passed, absorbed):
        self.module, self.module_type, self.onnx_values = module, module_type, onnx_values
        self.max_abs, self.max_rel, self.passed, self.absorbed = max_abs, max_rel, passed, absorbed
        # Set on a divergence found in a module's own code (its forward between submodule
        # calls): the submodule whose input is the first wrong value.
        self.own_code_before = None

    def line(self):
        name = self.module or "the model's own forward"
        notes = ""
        if self.absorbed:
            notes += " (compared after %s, which the export folded into it)" % ", ".join(self.absorbed)
        if self.own_code_before is not None:
            notes += " in its own code, before %s: that submodule's input already differs" % (
                self.own_code_before)
        values = ", ".join("'%s'" % v for v in self.onnx_values)
        return "%s (%s)%s: ONNX %s  max abs %.3g  max rel %.3g  %s" % (
            name, self.module_type, notes, values, self.max_abs, self.max_rel,
            "PASS" if self.passed else "FAIL")

    def __repr__(self):
        return "ModuleCheck(%s)" % self.line()


class VerifyReport:
    """What ``verify`` found. ``passed`` (also the truth value), ``outputs`` (OutputCheck per
    output), ``divergence`` (the first diverging ModuleCheck, or None), ``modules`` (every
    ModuleCheck made while looking for it), ``notes``, ``rtol``, ``atol``."""

    def __init__(self, rtol, atol):
        self.rtol, self.atol = rtol, atol
        self.outputs = []
        self.modules = []
        self.divergence = None
        self.notes = []

    @property
    def passed(self):
        return bool(self.outputs) and all(o.passed for o in self.outputs)

    def __bool__(self):
        return self.passed

    def __str__(self):
        lines = ["onnxi.verify: %s (rtol %g, atol %g)" % ("PASS" if self.passed else "FAIL",
                                                         self.rtol, self.atol)]
        lines += ["  output " + o.line() for o in self.outputs]
        if self.divergence is not None:
            lines.append("first diverging submodule: " + self.divergence.line())
        lines += ["note: " + n for n in self.notes]
        return "\n".join(lines)

    __repr__ = __str__


# ---- comparing ---------------------------------------------------------------------------

def _compare(name, got, want, rtol, atol):
    """OutputCheck of onnxi's `got` against torch's `want` (numpy arrays or None)."""
    if got is None or want is None:
        same = got is None and want is None
        return OutputCheck(name, (), 0.0, 0.0, same, "" if same else "one side is None")
    got, want = np.asarray(got), np.asarray(want)
    if got.shape != want.shape:
        return OutputCheck(name, want.shape, math.inf, math.inf, False,
                           "shape %s, torch %s" % (list(got.shape), list(want.shape)))
    if got.dtype.kind in "OUS" or want.dtype.kind in "OUS":
        same = bool(np.array_equal(got, want))
        return OutputCheck(name, want.shape, 0.0 if same else math.inf,
                           0.0 if same else math.inf, same)
    g, w = got.astype(np.float64), want.astype(np.float64)
    both_nan = np.isnan(g) & np.isnan(w)
    diff = np.where(both_nan, 0.0, np.abs(g - w))
    diff = np.where(np.isnan(diff), math.inf, diff)  # NaN on one side only
    scale = np.abs(w)
    ok = diff <= atol + rtol * scale
    nonzero = scale > 0  # where torch gives 0 only the absolute error means something
    max_abs = float(diff.max()) if diff.size else 0.0
    max_rel = float((diff[nonzero] / scale[nonzero]).max()) if nonzero.any() else 0.0
    return OutputCheck(name, want.shape, max_abs, max_rel, bool(ok.all()))


def _flatten(value, out):
    """Tensors (as numpy arrays) and Nones of a nested torch output, in order."""
    import torch

    if isinstance(value, torch.Tensor):
        out.append(value.detach().cpu().numpy())
    elif value is None:
        out.append(None)
    elif isinstance(value, dict):
        for v in value.values():
            _flatten(v, out)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _flatten(v, out)
    else:  # a Python number in the output: exported as a constant tensor
        out.append(np.asarray(value))
    return out


def _clone_args(args):
    import torch

    if isinstance(args, torch.Tensor):
        return args.clone()
    if isinstance(args, (list, tuple)):
        return type(args)(_clone_args(a) for a in args)
    if isinstance(args, dict):
        return {k: _clone_args(v) for k, v in args.items()}
    return args


# ---- scopes: ONNX nodes -> torch submodules ------------------------------------------------

def _node_modules(graph, qualified):
    """For each node, the qualified name of the innermost submodule whose scope holds it
    ("" for the top level). torch writes a scope path per node: `/layers/layers.0/conv1/Conv`
    names the modules `layers`, `layers.0`, `layers.0.conv1` by their last name (a list index
    with its container's name, `layers.0`; containers that never run, like a ModuleList,
    are left out), so each segment is matched to the shallowest module below the current one
    whose qualified name ends with it."""
    cache = {}

    def child(cur, segment):
        key = (cur, segment)
        if key not in cache:
            prefix = cur + "." if cur else ""
            found = [q for q in qualified if q and q.startswith(prefix) and q != cur and
                     (q == segment or q == prefix + segment or q.endswith("." + segment))]
            cache[key] = min(found, key=lambda q: q.count(".")) if found else None
        return cache[key]

    result = []
    for node in graph.node:
        cur = ""
        if node.name.startswith("/"):
            for segment in node.name.split("/")[1:-1]:
                nxt = child(cur, segment)
                if nxt is None:
                    break
                cur = nxt
        result.append(cur)
    return result


def _in_scope(node_module, q):
    return node_module == q or node_module.startswith(q + ".")


def _entering_values(graph, node_modules, q):
    """Values q's nodes read that are made outside q (not initializers or Constant nodes'
    outputs), in node order."""
    inside = [i for i, m in enumerate(node_modules) if _in_scope(m, q)]
    made_inside = {v for i in inside for v in graph.node[i].output}
    constant = {i.name for i in graph.initializer}
    constant.update(v for n in graph.node if n.op_type == "Constant" for v in n.output)
    values = []
    for i in inside:
        for v in graph.node[i].input:
            if v and v not in made_inside and v not in constant and v not in values:
                values.append(v)
    return values


def _leaving_values(graph, node_modules, q):
    """Values made by q's nodes that are read outside q or are graph outputs, in node order."""
    inside = [i for i, m in enumerate(node_modules) if _in_scope(m, q)]
    inside_set = set(inside)
    graph_outputs = {o.name for o in graph.output}
    read_outside = set(graph_outputs)
    for i, node in enumerate(graph.node):
        if i not in inside_set:
            read_outside.update(node.input)
    values = []
    for i in inside:
        values += [v for v in graph.node[i].output if v and v in read_outside]
    return values


# ---- verify --------------------------------------------------------------------------------

def verify(module, args, onnx_path=None, *, rtol=1e-3, atol=1e-5, input_names=None,
           output_names=None, opset_version=13, training=None, dynamic_axes=None,
           export_options=None, session_options=None, locate=True):
    """Compares onnxi running the ONNX export of torch ``module`` with torch itself.

    - ``args``: the inputs, a tensor or a tuple of tensors, as for ``torch.onnx.export``.
    - ``onnx_path``: an export to check; None exports ``module`` to a temporary file with
      ``opset_version``, ``input_names``, ``output_names``, ``dynamic_axes``, ``training``
      and ``export_options`` (more keyword arguments of ``torch.onnx.export``).
    - ``training``: a ``torch.onnx.TrainingMode``; torch runs the module in that mode (EVAL by
      default: ``module.eval()``; PRESERVE: as it is) and the module gets its mode back after.
    - ``rtol``, ``atol``: an element passes when ``|onnxi - torch| <= atol + rtol * |torch|``.
    - ``session_options``: an ``onnxi.SessionOptions`` for the onnxi runs.
    - ``locate``: when an output fails, find the first diverging submodule (see the module
      docstring).

    Returns a VerifyReport; ``print`` it for the figures.
    """
    import onnx
    import torch

    training = torch.onnx.TrainingMode.EVAL if training is None else training
    was_training = module.training
    if training == torch.onnx.TrainingMode.EVAL:
        module.eval()
    elif training == torch.onnx.TrainingMode.TRAINING:
        module.train()
    args = args if isinstance(args, tuple) else (args,)
    report = VerifyReport(rtol, atol)
    try:
        with torch.no_grad():
            want = _flatten(module(*_clone_args(args)), [])
        mode = module.training
        if onnx_path is None:
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "model.onnx")
                torch.onnx.export(module, _clone_args(args), path, opset_version=opset_version,
                                  input_names=input_names, output_names=output_names,
                                  dynamic_axes=dynamic_axes, training=training,
                                  **(export_options or {}))
                model = onnx.load(path)
            module.train(mode)  # export puts back the mode it found; make sure of it
        else:
            model = onnx.load(os.fspath(onnx_path))

        session = InferenceSession(model.SerializeToString(), session_options)
        feed = _feed(session, model, args, input_names)
        got = session.run(None, feed)
        names = [o.name for o in session.get_outputs()]
        if len(got) != len(want):
            report.notes.append("onnxi gives %d outputs, torch %d" % (len(got), len(want)))
        for name, g, w in zip(names, got, want):
            report.outputs.append(_compare(name, g, w, rtol, atol))
        if locate and not report.passed and len(got) == len(want):
            _locate(report, module, args, model, feed, got, session_options)
    finally:
        module.train(was_training)
    return report


def _feed(session, model, args, input_names):
    import torch

    flat = []
    for a in args:
        if isinstance(a, torch.Tensor):
            flat.append(a.detach().cpu().numpy())
        elif isinstance(a, (list, tuple)):
            flat += [t.detach().cpu().numpy() for t in a]
        else:
            raise TypeError("onnxi.verify: inputs must be tensors (or tuples of them), got %s"
                            % type(a).__name__)
    inputs = [i.name for i in session.get_inputs()]
    if len(inputs) == len(flat):
        return dict(zip(inputs, flat))
    # The export dropped inputs the module does not use: match by the names given.
    if input_names and len(input_names) == len(flat):
        return {n: a for n, a in zip(input_names, flat) if n in inputs}
    raise ValueError("onnxi.verify: the model has %d inputs (%s) for %d tensors; pass "
                     "input_names to match them" % (len(inputs), ", ".join(inputs), len(flat)))


def _locate(report, module, args, model, feed, final_outputs, session_options):
    import torch

    # 1. Every submodule's output, in the order torch finishes them.
    calls = []  # (qualified name, inputs, outputs) per call
    hooks = []
    modules = dict(module.named_modules())
    for q, m in modules.items():
        if q:
            hooks.append(m.register_forward_hook(
                lambda mod, inp, out, q=q: calls.append((q, _flatten(inp, []), _flatten(out, [])))))
    try:
        with torch.no_grad():
            module(*_clone_args(args))
    finally:
        for h in hooks:
            h.remove()

    # 2. The ONNX values leaving each submodule's scope.
    graph = model.graph
    node_modules = _node_modules(graph, list(modules))
    with_nodes = {m for nm in node_modules for m in modules if m and _in_scope(nm, m)}
    leaving = {q: _leaving_values(graph, node_modules, q) for q in with_nodes}
    entering = {q: _entering_values(graph, node_modules, q) for q in with_nodes}

    # 3. One onnxi run with all of them as extra outputs.
    declared = [o.name for o in graph.output]
    extra = []
    for q in with_nodes:
        extra += [v for v in leaving[q] + entering[q]
                  if v not in declared and v not in feed and v not in extra]
    probe = type(model)()
    probe.CopyFrom(model)
    for v in extra:
        probe.graph.output.add().name = v
    session = InferenceSession(probe.SerializeToString(), session_options)
    outs = session.run(None, feed)
    values = dict(feed)
    values.update(zip(declared + extra, outs))
    for name, a, b in zip(declared, outs, final_outputs):
        if a is not None and b is not None and not np.array_equal(a, b, equal_nan=True):
            report.notes.append("with intermediate values as outputs onnxi computes output '%s' "
                                "differently (rewrites fuse less), so the figures below may "
                                "not show a fault of a fused kernel" % name)

    # 4. Submodules in finishing order, each against its ONNX counterpart.
    order = []
    torch_inputs, torch_outputs = {}, {}
    for q, ins_q, outs_q in calls:
        if q not in torch_outputs:
            order.append(q)
            torch_inputs[q], torch_outputs[q] = [], []
        torch_inputs[q].append(ins_q)
        torch_outputs[q].append(outs_q)
    parent = {q: _parent(q, modules) for q in order}
    for k, q in enumerate(order):
        if q not in with_nodes:
            continue
        # Modules right after q, in q's parent, that have no nodes: folded into q's nodes.
        absorbed = []
        for nxt in order[k + 1:]:
            if nxt in with_nodes or parent.get(nxt) != parent[q] or nxt.startswith(q + "."):
                break
            absorbed.append(nxt)
        check = _match(q, type(modules[q]).__name__, torch_outputs, absorbed, leaving[q],
                       values, report.rtol, report.atol)
        if check is not None:
            report.modules.append(check)
    for check in report.modules:
        if check.passed:
            continue
        q = check.module
        # q's output is wrong. If its input is already wrong, the first wrong value was made
        # by the own code of q's parent (its forward between submodule calls), not inside q.
        inputs = _match(q, "", torch_inputs, [], entering[q], values, report.rtol, report.atol)
        if inputs is not None and not inputs.passed:
            p = parent[q]
            found = ModuleCheck(p, type(modules[p]).__name__, inputs.onnx_values,
                                inputs.max_abs, inputs.max_rel, False, [])
            found.own_code_before = q
            report.divergence = found
        else:
            report.divergence = check
        break
    if report.divergence is None:
        report.notes.append("every submodule matched to the graph agrees with torch; the "
                            "difference arises outside them (functional code in forward)")


def _parent(q, modules):
    """The innermost module that holds q ("" for the model itself)."""
    while "." in q:
        q = q.rsplit(".", 1)[0]
        if q in modules:
            return q
    return ""


def _match(q, type_name, torch_outputs, absorbed, leaving, values, rtol, atol):
    """ModuleCheck of submodule q, or None when none of its outputs has an ONNX value of the
    same shape. With `absorbed`, the last of them gives the torch side (if the shapes fit)."""
    def flat(name):
        return [t for call in torch_outputs[name] for t in call if t is not None]

    refs = flat(q)
    used_absorbed = []
    if absorbed:
        later = flat(absorbed[-1])
        if [r.shape for r in later] == [r.shape for r in refs]:
            refs, used_absorbed = later, absorbed
    candidates = [v for v in leaving if values.get(v) is not None]
    pairs = []
    for ref in refs:
        for v in candidates:
            if np.shape(values[v]) == ref.shape and v not in [p[0] for p in pairs]:
                pairs.append((v, ref))
                break
    if not pairs:
        return None
    checks = [_compare(v, values[v], ref, rtol, atol) for v, ref in pairs]
    return ModuleCheck(q, type_name, [v for v, _ in pairs], max(c.max_abs for c in checks),
                       max(c.max_rel for c in checks), all(c.passed for c in checks),
                       used_absorbed)
