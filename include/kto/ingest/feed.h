// kto/ingest/feed.h — the items of an RSS or Atom feed as articles.
//
// ParseFeed() reads RSS 2.0 (<rss><channel><item>), RSS 1.0 (<rdf:RDF>
// <item>) and Atom (<feed><entry>) with libxml2 (no network access, no
// external entities). Per item:
//   external id  RSS <guid>, Atom <id>
//   url          RSS <link>, Atom <link rel="alternate" href> (or no rel)
//   published_at RSS <pubDate> or <dc:date>, Atom <published> or <updated>
//                (normalized, see date.h; dropped when unreadable)
//   title        <title> (Atom type="html" unescaped and stripped of tags)
//   text         RSS <content:encoded>, else <description>; Atom <content>,
//                else <summary>: HTML reduced to paragraphs (html.h)
//   source       the channel's or feed's <title>
//
// Thread safety: functions may run on several threads at once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kto/status.h"

namespace kto::ingest {

struct FeedItem {
  std::string external_id, url, source, published_at, title, text;  // text may be empty
};

// The items of the feed `xml`, in document order. Fails with kInvalidInput
// when it is not well-formed XML or not an RSS/Atom feed.
Result<std::vector<FeedItem>> ParseFeed(std::string_view xml);

}  // namespace kto::ingest
