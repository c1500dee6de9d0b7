// The plan of one compiled graph for one input-shape signature: a record per value and per
// node, made by infer (runtime/infer.h) and laid out by plan (PlanMemory below), read by run
// (runtime/executor.h) and report (runtime/report.h). It never writes into the graph.
//
// Where a value lives during a run (ValuePlan::storage):
//   kConstant  an initializer, or folded (at compile time, or for this signature)
//   kFeed      given by the caller; borrowed, never copied
//   kArena     an intermediate of known size: a slice of the one arena at `offset`
//   kHeap      allocated when produced: graph outputs (handed to the caller), strings
//   kDynamic   sized only at run time: outputs of deferred nodes and of ops that make their
//              outputs in Run (sequences, If/Loop/Scan results); freed after the last use
//   kReleased  a constant an op packed and freed (CompiledGraph::Release)
// A node runs kStatic (prepared here, once per signature), kDeferred (its input shapes
// depend on data: prepared again at every run) or is kFolded (its outputs are constants).
//
// Steps: a run goes step by step. With one thread each node is a step of its own, in graph
// order. With more threads (Options::threads > 1) a step is a level of the graph: a node's
// step is one more than the latest step of the nodes it reads from, so the nodes of one step
// never depend on each other and run at once (inception branches, FPN levels, the heads of
// a detector), and the next step starts when all of them are done. Lifetimes and arena
// offsets are planned over steps, so a concurrent step never shares bytes between its
// nodes' values; each node's scratch is planned as a value of its own step. Either way every
// node computes the same bits: only the order of independent nodes changes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "onnxi/value.h"
#include "runtime/compile.h"

namespace onnxi {

enum class Storage { kNone, kConstant, kFeed, kArena, kHeap, kDynamic, kReleased };
enum class NodeMode { kStatic, kDeferred, kFolded };

struct ValuePlan {
  Storage storage = Storage::kNone;
  Value::Kind kind = Value::Kind::kTensor;
  DataType dtype = DataType::kUndefined;
  Shape shape;           // known for kConstant, kFeed (tensors), kArena, kHeap, kReleased
  Value constant;        // kConstant: the value
  int producer = -1;     // the node that makes it, or -1 (fed, constant)
  int first_use = -1;    // steps of its producer and of its last reader; -1: none
  int last_use = -1;
  int64_t offset = -1;   // kArena: byte offset in the arena
  int64_t bytes() const { return static_cast<int64_t>(DataTypeStorageBytes(dtype, NumElements(shape))); }
};

struct NodePlan {
  NodeMode mode = NodeMode::kStatic;
  int step = -1;                 // the step it runs in (-1: folded)
  size_t scratch_bytes = 0;      // working memory its Prepare asked for
  int64_t scratch_offset = -1;   // kStatic with scratch: its slice of the arena
};

struct Plan {
  // The signature this plan holds for: per value, whether it was fed, as what kind, and with
  // which shape (tensors).
  std::vector<bool> fed;
  std::vector<Value::Kind> fed_kind;
  std::vector<Shape> fed_shape;

  std::vector<ValuePlan> values;  // per value id
  std::vector<NodePlan> nodes;    // per node of the compiled graph
  // Per step: the nodes it runs (in graph order), and the kHeap/kDynamic values whose last
  // reader it holds (freed when the step is done).
  std::vector<std::vector<int>> steps;
  std::vector<std::vector<int>> release_after;
  bool concurrent = false;  // some step runs more than one node

  int64_t arena_bytes = 0;         // the arena's peak
  int64_t intermediate_bytes = 0;  // sum of the planned intermediates (no reuse)
  int64_t heap_bytes = 0;          // kHeap values of known size (graph outputs, ...)
  int64_t scratch_bytes = 0;       // the largest scratch of a kStatic node (in the arena)
  int num_planned = 0;
  int num_folded = 0;    // nodes folded for this signature (compile-time folds not counted)
  int num_deferred = 0;

  // Whether these feeds (one entry per value id) have this plan's signature.
  bool Matches(const std::vector<const Value*>& feeds) const;
  // The bytes a run of this plan holds before any data-dependent output.
  int64_t planned_bytes() const { return arena_bytes + heap_bytes; }
};

// plan: the steps, lifetimes of the values over them, the arena offsets of the kArena ones
// and of the nodes' scratch (runtime/planner.h), what each step frees, and the memory check
// against Options::max_memory.
// Values become kHeap instead of kArena when they are graph outputs, strings, or when
// Options::memory_plan is off.
Status PlanMemory(const CompiledGraph& cg, int64_t memory_limit, Plan& plan);

}  // namespace onnxi
