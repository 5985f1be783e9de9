// Pages into conferences, the one way for inspect and indexing: which copy of a page is kept,
// where a page goes, page order, and (once every page is in) speaker classification.
#pragma once

#include "core/conference.h"

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace scio::indexer {

// Orders copies of one page: the desktop page before its /m/ mobile copy, then path order (the
// order folders are listed in). The better-ranked copy is the one kept, whatever the run order.
bool ranks_before(const std::string& a, const std::string& b);

// Where an assembly keeps its conferences and which conference holds a page (by the page's
// content hash): memory for inspect (Assembly below), the database for the index (IndexWriter),
// which remembers them between runs. The rules are the functions below, never the store's.
class PageStore {
 public:
  virtual ~PageStore() = default;
  // The conference under id (nothing: none yet, or it lost every page); changes are made in place,
  // then marked with changed(id).
  virtual std::optional<core::Conference>& conference(const std::string& id) = 0;
  virtual void changed(const std::string& id) = 0;
  // The id of the conference that holds the page with this content hash, "" when none.
  virtual std::string page_holder(const std::string& hash) const = 0;
  virtual void hold_page(const std::string& hash, const std::string& id, int number) = 0;
  // Forgets the hash's holder when it is id.
  virtual void release_page(const std::string& hash, const std::string& id) = 0;
  // Whether the file a page was read from is still there (a moved file's new copy takes over).
  virtual bool exists(const std::string& path) const;
};

// A page of one file that was a copy of a page held already (same content hash).
struct PageCopy {
  std::string conference;  // the id of the conference that holds it
  int number = 1;
  std::string held_source;  // the file the held page is named as coming from
};

// What add_pages did with one file's pages.
struct AddedPages {
  std::set<std::string> conferences;  // the conferences the file's pages are in (copies included)
  std::vector<PageCopy> copies;
  std::size_t pages = 0;  // pages the file gave
};

// Takes in one file's conferences (files come in ranks_before order within a run). A page replaces
// the held page of the same number unless that one is the better-ranked copy. A copy of a page held
// already (same hash), whatever its file name, stays in the conference that holds it, under that id,
// and the better-ranked copy is named the page's source: so a conference id, once given, never
// moves with a copy. Speakers are not classified here: see classify_speakers.
AddedPages add_pages(PageStore& store, std::vector<core::Conference> conferences);

// Removes the conference's page at index; a conference left with no page is gone (nothing of its
// header lingers for the next page).
void remove_page(PageStore& store, const std::string& id, std::size_t index);
// Removes the conference's pages read from path.
void remove_pages_from(PageStore& store, const std::string& id, const std::string& path);

enum class MergePolicy {
  keep_existing,  // a page number already present stays (the same page saved twice)
  replace,        // the incoming page replaces it (a changed page re-indexed)
};

// Merges incoming into into (same id): pages by number in page order, header fields from the
// lowest-numbered page that has them, participants and URLs united.
void merge_conference(core::Conference& into, const core::Conference& incoming, MergePolicy policy);

// The last step of assembly, once a conference's pages are in, and the one place speakers are
// classified: each turn gets its page number; "A:" becomes the title's spokesperson, reporters
// are found by outlet, officials and their roles from the participant list, the moderator by role
// (else the opener, when several officials speak); a continued turn takes the speaker of the turn
// it runs on from. Then numbers the exchanges (indexer/exchanges.h). Called by Assembly::finish and
// IndexWriter::commit.
void classify_speakers(core::Conference& conference);

// The assembly in memory: inspect's, and a file read on its own (read_file).
class Assembly final : public PageStore {
 public:
  // add_pages for one file's conferences.
  AddedPages add(std::vector<core::Conference> conferences) { return add_pages(*this, std::move(conferences)); }
  // Every conference, sorted by id, classified (classify_speakers).
  std::vector<core::Conference> finish() &&;

  std::optional<core::Conference>& conference(const std::string& id) override { return m_conferences[id]; }
  void changed(const std::string&) override {}
  std::string page_holder(const std::string& hash) const override;
  void hold_page(const std::string& hash, const std::string& id, int number) override;
  void release_page(const std::string& hash, const std::string& id) override;

 private:
  std::map<std::string, std::optional<core::Conference>> m_conferences;
  std::map<std::string, std::string> m_page_holders;  // page hash -> conference id
};

}  // namespace scio::indexer
