#pragma once
// The Boost.Graph behind Installation: one vertex per element (the site, gateways,
// devices, panel boards, loads, groups), one edge per relation. Vertices are kept in a
// list so that removing one leaves every other vertex, and the element pointers handed
// out, valid. Name and id indexes find a vertex without walking the graph.
#include <algorithm>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "ews/installation/installation.hpp"

namespace ews::installation {

enum class Relation {
  SiteGateway,        ///< the site holds the gateway
  GatewayDevice,      ///< the gateway polls the device
  GatewayEqDevice,    ///< the device is the gateway's EQ device
  PanelBoardGateway,  ///< the panel board houses the gateway
  LoadDevice,         ///< the device measures the load
  GroupDevice,        ///< the device is in the measure group
};

struct EdgeData {
  Relation relation;
};

using Element = std::variant<Site, Gateway, Device, PanelBoard, Load, Group>;
using Graph = boost::adjacency_list<boost::vecS, boost::listS, boost::bidirectionalS, Element, EdgeData>;
using Vertex = Graph::vertex_descriptor;

/// Vertices of one element kind by id and by name.
struct VertexIndex {
  std::map<int, Vertex> byId;
  std::map<std::string, Vertex, std::less<>> byName;
};

struct Installation::Impl {
  Graph graph;
  Vertex site{};
  VertexIndex gateways;
  VertexIndex devices;
  VertexIndex panelBoards;
  VertexIndex loads;
  VertexIndex groups;

  template <class T>
  VertexIndex& indexOf() { return indexIn<T>(*this); }
  template <class T>
  const VertexIndex& indexOf() const { return indexIn<T>(*this); }

  template <class T>
  const T& get(Vertex vertex) const { return std::get<T>(graph[vertex]); }
  template <class T>
  T& get(Vertex vertex) { return std::get<T>(graph[vertex]); }

  template <class T>
  Vertex add(T element) {
    const int id = element.id;
    const std::string name = element.name;
    const Vertex vertex = boost::add_vertex(Element{std::move(element)}, graph);
    const bool idIsNew = indexOf<T>().byId.emplace(id, vertex).second;
    const bool nameIsNew = indexOf<T>().byName.emplace(name, vertex).second;
    // Validation makes both unique; a clash here is a bug, not bad input.
    if (!idIsNew || !nameIsNew) throw std::logic_error("duplicate element \"" + name + "\" in the installation graph");
    return vertex;
  }

  void link(Vertex from, Vertex to, Relation relation) { boost::add_edge(from, to, EdgeData{relation}, graph); }

  template <class T>
  void remove(Vertex vertex) {
    const T& element = get<T>(vertex);
    indexOf<T>().byName.erase(element.name);
    indexOf<T>().byId.erase(element.id);
    boost::clear_vertex(vertex, graph);
    boost::remove_vertex(vertex, graph);
  }

  template <class T>
  const Vertex* findVertex(std::string_view name) const {
    const auto& byName = indexOf<T>().byName;
    const auto found = byName.find(name);
    return found == byName.end() ? nullptr : &found->second;
  }

  template <class T>
  Vertex vertexOf(int id) const {
    const auto& byId = indexOf<T>().byId;
    const auto found = byId.find(id);
    if (found == byId.end()) throw std::out_of_range("no element with id " + std::to_string(id));
    return found->second;
  }

  /// The vertex of an element handed out by this installation.
  template <class T>
  Vertex vertexOf(const T& element) const {
    const Vertex vertex = vertexOf<T>(element.id);
    if (&get<T>(vertex) != &element) throw std::invalid_argument("element of another Installation");
    return vertex;
  }

  template <class T>
  std::vector<const T*> all() const {
    std::vector<const T*> elements;
    for (const auto& [id, vertex] : indexOf<T>().byId) elements.push_back(&get<T>(vertex));
    return elements;
  }

  /// The elements `from` points to through `relation`, in id order.
  template <class T>
  std::vector<const T*> targets(Vertex from, Relation relation) const {
    std::vector<const T*> found;
    for (const auto edge : boost::make_iterator_range(boost::out_edges(from, graph))) {
      if (graph[edge].relation == relation) found.push_back(&get<T>(boost::target(edge, graph)));
    }
    sortById(found);
    return found;
  }

  /// The elements pointing to `to` through `relation`, in id order.
  template <class T>
  std::vector<const T*> sources(Vertex to, Relation relation) const {
    std::vector<const T*> found;
    for (const auto edge : boost::make_iterator_range(boost::in_edges(to, graph))) {
      if (graph[edge].relation == relation) found.push_back(&get<T>(boost::source(edge, graph)));
    }
    sortById(found);
    return found;
  }

  template <class T, class Self>
  static auto& indexIn(Self& self) {
    if constexpr (std::is_same_v<T, Gateway>) return self.gateways;
    else if constexpr (std::is_same_v<T, Device>) return self.devices;
    else if constexpr (std::is_same_v<T, PanelBoard>) return self.panelBoards;
    else if constexpr (std::is_same_v<T, Load>) return self.loads;
    else return self.groups;
  }

  template <class T>
  static void sortById(std::vector<const T*>& elements) {
    std::sort(elements.begin(), elements.end(), [](const T* a, const T* b) { return a->id < b->id; });
  }
};

}  // namespace ews::installation
