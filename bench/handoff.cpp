// Does handing a built Xapian::Document to another thread make add_document cheaper for the thread
// that writes? (bench/RESULTS.md, 2026-12-01 11:18: no.) Not part of the build; run by hand:
//   g++ -O2 -o /tmp/handoff bench/handoff.cpp -lxapian -lpthread
//   /tmp/handoff single DB TEXTS; /tmp/handoff threaded DB TEXTS
// TEXTS: one passage text a line. "single" generates terms and adds each document on one thread,
// as bare Xapian does; "threaded" generates them on a second thread (as scio-index's builders do)
// and adds them on the first; each prints the adding thread's CPU time.
#include <xapian.h>
#include <fstream>
#include <string>
#include <vector>
#include <thread>
#include <mutex>
#include <condition_variable>
#include <deque>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <optional>
static double cpu() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}
int main(int argc, char** argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: handoff single|threaded DB TEXTS\n");
    return 2;
  }
  bool threaded = strcmp(argv[1], "threaded") == 0;
  const char* path = argv[2];
  std::ifstream f(argv[3]);
  std::vector<std::string> texts;
  std::string line;
  while (std::getline(f, line)) texts.push_back(line);
  auto t0 = std::chrono::steady_clock::now();
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("english"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  double c0 = cpu();
  if (!threaded) {
    for (auto& t : texts) {
      Xapian::Document d;
      tg.set_document(d);
      tg.index_text(t);
      db.add_document(d);
    }
  } else {
    std::deque<std::optional<Xapian::Document>> q;
    std::mutex m;
    std::condition_variable cv;
    bool done = false;
    double bc = 0;
    std::thread b([&] {
      Xapian::TermGenerator g;
      g.set_stemmer(Xapian::Stem("english"));
      g.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
      double c = cpu();
      for (auto& t : texts) {
        Xapian::Document d;
        g.set_document(d);
        g.index_text(t);
        g.set_document(Xapian::Document());
        std::unique_lock<std::mutex> l(m);
        cv.wait(l, [&] { return q.size() < 64; });
        q.push_back(std::move(d));
        cv.notify_all();
      }
      std::unique_lock<std::mutex> l(m);
      done = true;
      bc = cpu() - c;
      cv.notify_all();
    });
    while (true) {
      std::optional<Xapian::Document> d;
      {
        std::unique_lock<std::mutex> l(m);
        cv.wait(l, [&] { return !q.empty() || done; });
        if (q.empty()) break;
        d = std::move(q.front());
        q.pop_front();
        cv.notify_all();
      }
      db.add_document(*d);
    }
    b.join();
    printf("builder cpu %.2f\n", bc);
  }
  db.commit();
  printf("%s: writer/main cpu %.2f s, wall %.2f s, docs %zu\n", argv[1], cpu() - c0,
         std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), texts.size());
}
