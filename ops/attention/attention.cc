// Attention (opset 23, 24): scaled dot-product attention with optional mask, causal masking,
// softcap, grouped-query heads, a key/value cache and (24) per-batch valid key lengths.
//
// Inputs:  Q (B, Hq, S, D) or (B, S, Hq*D); K (B, Hkv, L, D) or (B, L, Hkv*D);
//          V (B, Hkv, L, Dv) or (B, L, Hkv*Dv); attn_mask (optional, bool or T, broadcast to
//          (B, Hq, S, P+L); its last dim may be shorter and is padded with -inf);
//          past_key (B, Hkv, P, D), past_value (B, Hkv, P, Dv) (optional, together);
//          nonpad_kv_seqlen (B) int64 (opset 24, optional).
// Outputs: Y like Q with Dv for D; present_key (B, Hkv, P+L, D); present_value
//          (B, Hkv, P+L, Dv); qk_matmul_output (B, Hq, S, P+L), chosen by
//          qk_matmul_output_mode (0 Q.K^T*scale, 1 after softcap, 2 after adding the mask, 3 after
//          softmax).
// 3-D inputs need q_num_heads and kv_num_heads. The formula is in kernels/attention/attention.h.
// softmax_precision is accepted and checked; everything is computed in double anyway.
#include <cmath>
#include <vector>

#include "kernels/attention/attention.h"
#include "ops/attention/attention_ops.h"
#include "ops/common/dispatch.h"

namespace onnxi {
namespace {

class AttentionOp : public Op {
 public:
  Status Init(const NodeView& node) override {
    causal_ = node.GetInt("is_causal", 0) != 0;
    q_num_heads_ = node.GetInt("q_num_heads", 0);
    kv_num_heads_ = node.GetInt("kv_num_heads", 0);
    has_scale_ = node.has("scale");
    scale_ = node.GetFloat("scale", 1.0f);
    params_.softcap = node.GetFloat("softcap", 0.0f);
    params_.qk_mode = static_cast<int>(node.GetInt("qk_matmul_output_mode", 0));
    if (params_.qk_mode < 0 || params_.qk_mode > 3) {
      node.Fail(Status::InvalidModel(StrCat("qk_matmul_output_mode ", params_.qk_mode,
                                            " is not one of 0, 1, 2, 3")));
    }
    if (node.has("softmax_precision")) {
      const int64_t sp = node.GetInt("softmax_precision", 1);
      if (!IsKnownDataType(static_cast<int32_t>(sp)) ||
          !IsFloatingPoint(static_cast<DataType>(sp))) {
        node.Fail(Status::InvalidModel(
            StrCat("softmax_precision ", sp, " is not a floating-point element type")));
      }
    }
    if (q_num_heads_ < 0 || kv_num_heads_ < 0) {
      node.Fail(Status::InvalidModel(StrCat("q_num_heads ", q_num_heads_, " and kv_num_heads ",
                                            kv_num_heads_, " must not be negative")));
    }
    return node.status();
  }

  Status Prepare(PrepareContext& ctx) override {
    ONNXI_RETURN_IF_ERROR(ctx.RequireInputs(3));
    const DataType dt = ctx.input_dtype(0);
    ONNXI_RETURN_IF_ERROR(CheckInputType(0, dt, kFloatTypes));
    ONNXI_RETURN_IF_ERROR(CheckInputType(1, ctx.input_dtype(1), {dt}));
    ONNXI_RETURN_IF_ERROR(CheckInputType(2, ctx.input_dtype(2), {dt}));
    const Shape& qs = ctx.input_shape(0);
    const Shape& ks = ctx.input_shape(1);
    const Shape& vs = ctx.input_shape(2);
    const int rank = ctx.input_rank(0);
    if ((rank != 3 && rank != 4) || ctx.input_rank(1) != rank || ctx.input_rank(2) != rank) {
      return Status::InvalidArgument(StrCat("Q, K and V must all be 3-D or all 4-D; got ",
                                            ShapeToString(qs), ", ", ShapeToString(ks), ", ",
                                            ShapeToString(vs)));
    }
    auto& p = params_;
    p.batch = qs[0];
    if (rank == 4) {
      p.q_heads = qs[1];
      p.kv_heads = ks[1];
      p.q_len = qs[2];
      p.new_len = ks[2];
      p.head_size = qs[3];
      if (ks[3] != qs[3] || vs[1] != ks[1] || vs[2] != ks[2]) {
        return Status::InvalidArgument(StrCat("K ", ShapeToString(ks), " and V ",
                                              ShapeToString(vs), " do not fit Q ",
                                              ShapeToString(qs)));
      }
      p.v_head_size = vs[3];
      p.q = {p.q_heads * p.q_len * p.head_size, p.q_len * p.head_size, p.head_size};
      p.k = {p.kv_heads * p.new_len * p.head_size, p.new_len * p.head_size, p.head_size};
      p.v = {p.kv_heads * p.new_len * p.v_head_size, p.new_len * p.v_head_size, p.v_head_size};
    } else {
      if (q_num_heads_ <= 0 || kv_num_heads_ <= 0) {
        return Status::InvalidModel(
            "3-D Q, K and V need the q_num_heads and kv_num_heads attributes");
      }
      p.q_heads = q_num_heads_;
      p.kv_heads = kv_num_heads_;
      if (qs[2] % p.q_heads != 0 || ks[2] % p.kv_heads != 0 || vs[2] % p.kv_heads != 0) {
        return Status::InvalidArgument(
            StrCat("hidden sizes ", qs[2], " (Q), ", ks[2], " (K), ", vs[2],
                   " (V) are not multiples of q_num_heads ", p.q_heads, " / kv_num_heads ",
                   p.kv_heads));
      }
      p.q_len = qs[1];
      p.new_len = ks[1];
      p.head_size = qs[2] / p.q_heads;
      p.v_head_size = vs[2] / p.kv_heads;
      if (ks[2] / p.kv_heads != p.head_size || vs[1] != ks[1]) {
        return Status::InvalidArgument(StrCat("K ", ShapeToString(ks), " and V ",
                                              ShapeToString(vs), " do not fit Q ",
                                              ShapeToString(qs)));
      }
      p.q = {p.q_len * qs[2], p.head_size, qs[2]};
      p.k = {p.new_len * ks[2], p.head_size, ks[2]};
      p.v = {p.new_len * vs[2], p.v_head_size, vs[2]};
    }
    if (ks[0] != p.batch || vs[0] != p.batch) {
      return Status::InvalidArgument(
          StrCat("batch sizes differ: Q ", p.batch, ", K ", ks[0], ", V ", vs[0]));
    }
    if (p.kv_heads <= 0 || p.q_heads % p.kv_heads != 0) {
      return Status::InvalidArgument(StrCat("q_num_heads ", p.q_heads,
                                            " is not a multiple of kv_num_heads ", p.kv_heads));
    }
    ONNXI_RETURN_IF_ERROR(PreparePast(ctx, dt));
    const int64_t total = p.past_len + p.new_len;
    ONNXI_RETURN_IF_ERROR(PrepareMask(ctx, dt, total));
    has_nonpad_ = ctx.has_input(6);
    if (has_nonpad_) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(6, ctx.input_dtype(6), {DataType::kInt64}));
      if (ctx.input_shape(6) != Shape{p.batch}) {
        return Status::InvalidArgument(StrCat("nonpad_kv_seqlen has shape ",
                                              ShapeToString(ctx.input_shape(6)),
                                              "; expected [", p.batch, "]"));
      }
      if (p.past_len > 0) {
        return Status::InvalidArgument("nonpad_kv_seqlen cannot be used with past_key");
      }
    }
    params_.causal = causal_;
    params_.scale = has_scale_ ? scale_ : 1.0 / std::sqrt(static_cast<double>(p.head_size));

    if (rank == 4) {
      ctx.SetOutput(0, dt, {p.batch, p.q_heads, p.q_len, p.v_head_size});
      p.y = {p.q_heads * p.q_len * p.v_head_size, p.q_len * p.v_head_size, p.v_head_size};
    } else {
      ctx.SetOutput(0, dt, {p.batch, p.q_len, p.q_heads * p.v_head_size});
      p.y = {p.q_len * p.q_heads * p.v_head_size, p.v_head_size, p.q_heads * p.v_head_size};
    }
    if (ctx.num_outputs() > 1) ctx.SetOutput(1, dt, {p.batch, p.kv_heads, total, p.head_size});
    if (ctx.num_outputs() > 2) ctx.SetOutput(2, dt, {p.batch, p.kv_heads, total, p.v_head_size});
    if (ctx.num_outputs() > 3) ctx.SetOutput(3, dt, {p.batch, p.q_heads, p.q_len, total});
    scratch_.assign(static_cast<size_t>(2 * total), 0.0);
    return Status::Ok();
  }

  Status Run(RunContext& ctx) override {
    const Tensor& q = ctx.input(0);
    const Tensor& k = ctx.input(1);
    const Tensor& v = ctx.input(2);
    const Tensor* mask = ctx.has_input(3) ? &ctx.input(3) : nullptr;
    const Tensor* past_k = params_.past_len > 0 ? &ctx.input(4) : nullptr;
    const Tensor* past_v = params_.past_len > 0 ? &ctx.input(5) : nullptr;
    const int64_t* nonpad = has_nonpad_ ? ctx.input(6).data<int64_t>() : nullptr;
    Tensor* qk = ctx.has_output(3) ? &ctx.output(3) : nullptr;
    const auto& p = params_;
    Status inner;
    ONNXI_RETURN_IF_ERROR(VisitFloatType(q.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* pk = past_k ? past_k->data<T>() : nullptr;
      const T* pv = past_v ? past_v->data<T>() : nullptr;
      if (ctx.has_output(1)) {
        kernels::AttentionConcatKv(p.batch, p.kv_heads, p.past_len, p.new_len, p.head_size, pk,
                                   k.data<T>(), p.k, ctx.output(1).data<T>());
      }
      if (ctx.has_output(2)) {
        kernels::AttentionConcatKv(p.batch, p.kv_heads, p.past_len, p.new_len, p.v_head_size,
                                   pv, v.data<T>(), p.v, ctx.output(2).data<T>());
      }
      T* qk_data = qk ? qk->data<T>() : nullptr;
      if (mask == nullptr) {
        kernels::AttentionRef<T, T>(p, q.data<T>(), pk, k.data<T>(), pv, v.data<T>(), nullptr,
                                    nonpad, ctx.output(0).data<T>(), qk_data, scratch_.data());
        return;
      }
      inner = VisitType(mask->dtype(), [&](auto mtag) {
        using M = typename decltype(mtag)::type;
        if constexpr (std::is_same_v<M, bool> || std::is_same_v<M, float> ||
                      std::is_same_v<M, double> || std::is_same_v<M, Float16> ||
                      std::is_same_v<M, BFloat16>) {
          kernels::AttentionRef<T, M>(p, q.data<T>(), pk, k.data<T>(), pv, v.data<T>(),
                                      mask->data<M>(), nonpad, ctx.output(0).data<T>(), qk_data,
                                      scratch_.data());
        }
      });
    }));
    return inner;
  }

 private:
  Status PreparePast(PrepareContext& ctx, DataType dt) {
    auto& p = params_;
    p.past_len = 0;
    if (ctx.has_input(4) != ctx.has_input(5)) {
      return Status::InvalidModel("past_key and past_value must be given together");
    }
    if (!ctx.has_input(4)) return Status::Ok();
    ONNXI_RETURN_IF_ERROR(CheckInputType(4, ctx.input_dtype(4), {dt}));
    ONNXI_RETURN_IF_ERROR(CheckInputType(5, ctx.input_dtype(5), {dt}));
    const Shape& pk = ctx.input_shape(4);
    const Shape& pv = ctx.input_shape(5);
    if (pk.size() != 4 || pv.size() != 4 || pk[0] != p.batch || pk[1] != p.kv_heads ||
        pk[3] != p.head_size || pv[0] != p.batch || pv[1] != p.kv_heads || pv[2] != pk[2] ||
        pv[3] != p.v_head_size) {
      return Status::InvalidArgument(StrCat(
          "past_key ", ShapeToString(pk), " / past_value ", ShapeToString(pv),
          " do not match (B, Hkv, P, D) = (", p.batch, ", ", p.kv_heads, ", P, ", p.head_size,
          ") / Dv ", p.v_head_size));
    }
    p.past_len = pk[2];
    return Status::Ok();
  }

  Status PrepareMask(PrepareContext& ctx, DataType dt, int64_t total) {
    auto& p = params_;
    p.mask = {};
    p.mask_len = 0;
    if (!ctx.has_input(3)) return Status::Ok();
    const DataType mt = ctx.input_dtype(3);
    if (mt != DataType::kBool && mt != dt) {
      ONNXI_RETURN_IF_ERROR(CheckInputType(3, mt, {DataType::kBool, dt}));
    }
    const Shape& ms = ctx.input_shape(3);
    if (ms.size() < 2 || ms.size() > 4) {
      return Status::InvalidArgument(
          StrCat("attn_mask must be 2-D to 4-D; got ", ShapeToString(ms)));
    }
    // Right-align the mask against (B, Hq, S, T).
    const int64_t target[4] = {p.batch, p.q_heads, p.q_len, total};
    int64_t dims[4] = {1, 1, 1, 1};
    for (size_t i = 0; i < ms.size(); ++i) dims[4 - ms.size() + i] = ms[i];
    for (int i = 0; i < 3; ++i) {
      if (dims[i] != 1 && dims[i] != target[i]) {
        return Status::InvalidArgument(StrCat("attn_mask ", ShapeToString(ms),
                                              " does not broadcast to [", target[0], ", ",
                                              target[1], ", ", target[2], ", ", total, "]"));
      }
    }
    if (dims[3] > total) {
      return Status::InvalidArgument(StrCat("attn_mask's last dim ", dims[3],
                                            " exceeds the total sequence length ", total));
    }
    p.mask_len = dims[3];
    const int64_t sq = dims[3], sh = dims[2] * sq, sb = dims[1] * sh;
    p.mask = {dims[0] == 1 ? 0 : sb, dims[1] == 1 ? 0 : sh, dims[2] == 1 ? 0 : sq};
    return Status::Ok();
  }

  bool causal_ = false;
  int64_t q_num_heads_ = 0, kv_num_heads_ = 0;
  bool has_scale_ = false;
  float scale_ = 1.0f;
  bool has_nonpad_ = false;
  kernels::AttentionParams params_;
  std::vector<double> scratch_;
};

}  // namespace

std::unique_ptr<Op> MakeAttentionOp() { return std::make_unique<AttentionOp>(); }

}  // namespace onnxi
