#include "ews/site/slave_link.hpp"

namespace ews::site {

link::Result SlaveLink::transact(const link::Request& request) {
  link::Result result;
  if (!link::validateRequest(request).empty()) {
    result.status = link::Status::InvalidRequest;  // nothing sent: no time spent
    return result;
  }
  result.duration = roundTrip_;
  result.exception = slave_->answer(request);
  if (result.exception != link::ExceptionCode::None) result.status = link::Status::Exception;
  return result;
}

}  // namespace ews::site
