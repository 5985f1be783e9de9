// What a fetched page is to `scio-index fetch`: a press-room listing (its items and its other
// pages), a paginated SCIO article (its other pages), the site's error page, or a transcript.
// Recognised from the URL path and the page's content, never from the host name, so a mirror or a
// local test server works the same.
#pragma once

#include "core/date.h"
#include "indexer/fetch/url.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scio::indexer::fetch {

struct ListingItem {
  Url url;
  std::optional<core::Date> date;  // from the URL (tYYYYMMDD_N, YYYY-MM/DD) or the text beside the link
};

struct Listing {
  std::vector<ListingItem> items;  // in page order: newest first on every known press room
  std::optional<Url> next_page;    // the following (older) listing page, if any
};

// The listing read from page (fetched from url), or nothing when the page is not a listing:
// - Foreign Ministry, old layout: default.shtml, default_N.shtml, items ./tNNNNNNN.shtml, the
//   number of pages only in the inline script ("var countPage = 13");
// - Foreign Ministry, new layout: index.html, index_N.html / .shtml, items YYYYMM/tYYYYMMDD_N.html;
// - SCIO press room: index.htm and node_N.htm listings of YYYY-MM/DD/content_N.htm(l) articles.
// A node_N page that carries a whole transcript (its page-break marker) is not a listing.
std::optional<Listing> read_listing(const Url& url, std::string_view page);

// The article's other pages: for a SCIO content_N page (or content_N_K), the content_N_K pages
// it links to (its pager), in page order; empty for anything else.
std::vector<Url> article_pages(const Url& url, std::string_view page);

// True when url names page 1 of a SCIO paginated article (content_N.htm/.html); any page of one
// (content_N_K too).
bool is_article_first_page(const Url& url);
bool is_article_page(const Url& url);

// Why page (answered with status 200) is the site's "not found" page rather than the page asked
// for (the Foreign Ministry answers a missing page with its error page and status 200), or empty.
std::string soft_404_reason(const Url& asked, const Url& answered, std::string_view page);

}  // namespace scio::indexer::fetch
