// HTML on stdin -> Markdown on stdout, with the Turndown options the MarkDownload extension uses by
// default (the Obsidian Web Clipper's are the same but for its bullet and emphasis marks: argv[2]).
const TurndownService = require("turndown");
const { gfm } = require("turndown-plugin-gfm");

const options = {
  markdownload: { headingStyle: "atx", hr: "___", bulletListMarker: "-", codeBlockStyle: "fenced",
                  fence: "```", emDelimiter: "_", strongDelimiter: "**", linkStyle: "inlined" },
  obsidian: { headingStyle: "atx", hr: "---", bulletListMarker: "-", codeBlockStyle: "fenced",
              fence: "```", emDelimiter: "*", strongDelimiter: "**", linkStyle: "inlined" },
}[process.argv[2] || "markdownload"];

const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  const service = new TurndownService(options);
  service.use(gfm);
  process.stdout.write(service.turndown(Buffer.concat(chunks).toString("utf8")));
});
