// A value or a one-line error: how expected, per-input failures are returned (never thrown).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace scio::core {

struct Error {
  std::string message;
};

template <typename T>
class Result {
 public:
  Result(T value) : m_data(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : m_data(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(m_data); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(m_data); }
  const T& value() const { return std::get<T>(m_data); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const std::string& error() const { return std::get<Error>(m_data).message; }

 private:
  std::variant<T, Error> m_data;
};

}  // namespace scio::core
