#include "ews/installation/master_slave.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>

#include <algorithm>
#include <stdexcept>

#include "ews/installation/installation.hpp"
#include "ews/installation/remote_id.hpp"

namespace ews::installation {

namespace {

using Topology = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using Vertex = boost::graph_traits<Topology>::vertex_descriptor;
using Edge = boost::graph_traits<Topology>::edge_descriptor;

/// Records the search tree and stops at the first back edge, the one closing a loop.
class LoopFinder : public boost::default_dfs_visitor {
 public:
  struct Found {};  // thrown to end the search at once
  LoopFinder(std::vector<Vertex>& parent, std::vector<std::size_t>& loop) : parent_(&parent), loop_(&loop) {}

  void tree_edge(Edge edge, const Topology& graph) const { (*parent_)[boost::target(edge, graph)] = boost::source(edge, graph); }

  void back_edge(Edge edge, const Topology& graph) const {
    // The target is an ancestor of the source on the search path: walk the tree back to it.
    const Vertex top = boost::target(edge, graph);
    std::vector<std::size_t> reversed{top};
    for (Vertex at = boost::source(edge, graph); at != top; at = (*parent_)[at]) reversed.push_back(at);
    reversed.push_back(top);
    loop_->assign(reversed.rbegin(), reversed.rend());
    throw Found{};
  }

 private:
  std::vector<Vertex>* parent_;
  std::vector<std::size_t>* loop_;
};

}  // namespace

std::vector<int> servedRemoteIds(const Installation& slave) {
  std::vector<int> ids;
  const auto add = [&](RemoteKind kind, int id) {
    if (id <= kMaxServedRemoteTargetId) ids.push_back(encodeRemoteId(RemoteTarget{kind, id}));
  };
  for (const Device* device : slave.devices()) {
    if (device->catalogue->measuresEnergy && device->medium == Medium::Electricity) add(RemoteKind::Device, device->id);
  }
  for (const Load* load : slave.loads()) {
    if (load->kind != LoadKind::Water && load->kind != LoadKind::Gas) add(RemoteKind::Load, load->id);
  }
  for (const Group* group : slave.groups()) add(RemoteKind::Group, group->id);
  ids.push_back(kAllElectricalLoadsRemoteId);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<std::size_t> findReadingLoop(std::size_t instanceCount, std::span<const ReadRelation> relations) {
  Topology graph(instanceCount);
  for (const ReadRelation& relation : relations) {
    if (relation.master >= instanceCount || relation.slave >= instanceCount) {
      throw std::out_of_range("findReadingLoop: a relation names an instance outside the list");
    }
    boost::add_edge(relation.master, relation.slave, graph);
  }
  std::vector<Vertex> parent(instanceCount);
  std::vector<std::size_t> loop;
  std::vector<boost::default_color_type> colours(instanceCount);
  try {
    boost::depth_first_search(graph, LoopFinder(parent, loop),
                              boost::make_iterator_property_map(colours.begin(), boost::get(boost::vertex_index, graph)));
  } catch (const LoopFinder::Found&) {
    return loop;
  }
  return {};
}

}  // namespace ews::installation
