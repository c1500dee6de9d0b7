// Derivative rules, one small function per forward op. With L the differentiated scalar
// and dy = dL/dy for the op's output y:
//   Identity  y = a       da = dy
//   Neg       y = -a      da = -dy
//   Add       y = a + b   da = S(dy, a)           db = S(dy, b)
//   Sub       y = a - b   da = S(dy, a)           db = S(-dy, b)
//   Mul       y = a * b   da = S(dy * b, a)       db = S(dy * a, b)
//   Div       y = a / b   da = S(dy / b, a)       db = S(-(dy * y / b), b)   (y / b = a / b^2)
// where S(g, x) = SumToShapeOf(g, x) undoes the broadcast of x to y's shape.
#include "ops/training/gradient_rules.h"

#include <cstring>

#include "ops/training/gradient_ops.h"

namespace onnxi {
namespace {

Attribute FloatAttr(const char* name, float v) {
  Attribute a;
  a.name = name;
  a.type = Attribute::Type::kFloat;
  a.f = v;
  return a;
}

std::string Reduce(GradientBuilder& b, const std::string& g, const std::string& like) {
  return b.Emit(kOnnxiDomain, "SumToShapeOf", {g, like}, {});
}

// The checks every rule shares: input/output counts and no pre-opset-7 broadcast attribute.
Status CheckArity(const ForwardNode& n, size_t inputs, std::vector<std::string>* grads) {
  if (n.inputs.size() != inputs || n.outputs.size() != 1) {
    return Status::InvalidModel(StrCat(n.op_type, " (node '", n.name, "') has ", n.inputs.size(),
                                       " inputs and ", n.outputs.size(),
                                       " outputs; its derivative rule expects ", inputs, " and 1"));
  }
  for (const Attribute& a : *n.attributes) {
    if (a.name == "broadcast" || a.name == "axis") {
      return Status::Unsupported(StrCat(n.op_type, " (node '", n.name,
                                        "'): no derivative rule for the legacy '", a.name,
                                        "' attribute (opset < 7)"));
    }
  }
  grads->assign(inputs, "");
  return Status::Ok();
}

Status IdentityGrad(const ForwardNode& n, GradientBuilder& b, std::vector<std::string>* g) {
  (void)b;
  ONNXI_RETURN_IF_ERROR(CheckArity(n, 1, g));
  if (n.needs_grad[0]) (*g)[0] = n.output_grads[0];
  return Status::Ok();
}

Status NegGrad(const ForwardNode& n, GradientBuilder& b, std::vector<std::string>* g) {
  ONNXI_RETURN_IF_ERROR(CheckArity(n, 1, g));
  if (n.needs_grad[0]) (*g)[0] = b.Emit("", "Neg", {n.output_grads[0]}, {});
  return Status::Ok();
}

Status AddGrad(const ForwardNode& n, GradientBuilder& b, std::vector<std::string>* g) {
  ONNXI_RETURN_IF_ERROR(CheckArity(n, 2, g));
  const std::string& dy = n.output_grads[0];
  for (int i = 0; i < 2; ++i) {
    if (n.needs_grad[i]) (*g)[i] = Reduce(b, dy, n.inputs[i]);
  }
  return Status::Ok();
}

Status SubGrad(const ForwardNode& n, GradientBuilder& b, std::vector<std::string>* g) {
  ONNXI_RETURN_IF_ERROR(CheckArity(n, 2, g));
  const std::string& dy = n.output_grads[0];
  if (n.needs_grad[0]) (*g)[0] = Reduce(b, dy, n.inputs[0]);
  if (n.needs_grad[1]) (*g)[1] = Reduce(b, b.Emit("", "Neg", {dy}, {}), n.inputs[1]);
  return Status::Ok();
}

Status MulGrad(const ForwardNode& n, GradientBuilder& b, std::vector<std::string>* g) {
  ONNXI_RETURN_IF_ERROR(CheckArity(n, 2, g));
  const std::string& dy = n.output_grads[0];
  for (int i = 0; i < 2; ++i) {
    if (n.needs_grad[i])
      (*g)[i] = Reduce(b, b.Emit("", "Mul", {dy, n.inputs[1 - i]}, {}), n.inputs[i]);
  }
  return Status::Ok();
}

Status DivGrad(const ForwardNode& n, GradientBuilder& b, std::vector<std::string>* g) {
  ONNXI_RETURN_IF_ERROR(CheckArity(n, 2, g));
  const std::string& dy = n.output_grads[0];
  const std::string& den = n.inputs[1];
  if (n.needs_grad[0]) (*g)[0] = Reduce(b, b.Emit("", "Div", {dy, den}, {}), n.inputs[0]);
  if (n.needs_grad[1]) {
    std::string y_over_b = b.Emit("", "Div", {n.outputs[0], den}, {});
    std::string prod = b.Emit("", "Mul", {dy, y_over_b}, {});
    (*g)[1] = Reduce(b, b.Emit("", "Neg", {prod}, {}), den);
  }
  return Status::Ok();
}

// Sorted by (domain, op_type).
constexpr GradientRule kRules[] = {
    {"", "Add", AddGrad}, {"", "Div", DivGrad}, {"", "Identity", IdentityGrad},
    {"", "Mul", MulGrad}, {"", "Neg", NegGrad}, {"", "Sub", SubGrad},
};

}  // namespace

const GradientRule* FindGradientRule(const std::string& domain, const std::string& op_type) {
  for (const GradientRule& r : kRules) {
    if (domain == r.domain && op_type == r.op_type) return &r;
  }
  return nullptr;
}

std::string EmitOnesLike(GradientBuilder& b, const std::string& like) {
  return b.Emit(kOnnxiDomain, "FillLike", {like}, {FloatAttr("value", 1.0f)});
}

std::string EmitZerosLike(GradientBuilder& b, const std::string& like) {
  return b.Emit(kOnnxiDomain, "FillLike", {like}, {FloatAttr("value", 0.0f)});
}

std::string EmitGradientSum(GradientBuilder& b, const std::string& a, const std::string& c) {
  return b.Emit("", "Add", {a, c}, {});
}

void EmitGradientOutput(GradientBuilder& b, const std::string& grad, const std::string& output) {
  b.Emit("", "Identity", {grad}, {}, output);
}

}  // namespace onnxi
