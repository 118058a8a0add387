// Prints Az.Morph's parses of words read from stdin (one per line) as JSON
// lines shaped like `kto morph`'s: {"word", "parses": [{"lemma", "tag", "score"}]}.
// The lemma is Az.js's normal form (parse.normalize()), null when Az.js
// cannot build it. Default Az.Morph options, as kto reproduces them.
//
//   node tools/morph-oracle/oracle.js < words.txt
//   node tools/morph-oracle/oracle.js --time < words.txt   (only times Az.Morph over the words)
'use strict';
const Az = require('az');
const readline = require('readline');

const timeOnly = process.argv.includes('--time');
const words = [];
readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
  .on('line', (line) => { if (line.length) words.push(line); })
  .on('close', () => {
    Az.Morph.init((err) => {
      if (err) { console.error('oracle: cannot load the az dictionaries: ' + err); process.exit(5); }
      if (timeOnly) {
        const repeat = Number(process.env.REPEAT || 1);
        for (let i = 0; i < Math.min(words.length, 20000); i++) Az.Morph(words[i]);  // warm up the JIT
        const start = process.hrtime.bigint();
        const cpuStart = process.cpuUsage();
        let parses = 0;
        for (let r = 0; r < repeat; r++) for (const w of words) parses += Az.Morph(w).length;
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        const cpu = process.cpuUsage(cpuStart);
        const cpuSeconds = (cpu.user + cpu.system) / 1e6;  // all of node's threads (JIT, GC)
        console.log(JSON.stringify({ words: words.length * repeat, parses, seconds, cpu_seconds: cpuSeconds,
                                     words_per_s: words.length * repeat / seconds,
                                     words_per_cpu_s: words.length * repeat / cpuSeconds }));
        return;
      }
      const out = [];
      for (const w of words) {
        const parses = Az.Morph(w).map((p) => {
          const norm = p.normalize();
          return { lemma: norm ? String(norm) : null, tag: String(p.tag), score: p.score };
        });
        out.push(JSON.stringify({ word: w, parses }));
        if (out.length >= 1000) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; }
      }
      if (out.length) process.stdout.write(out.join('\n') + '\n');
    });
  });
