// Converts a Word file to HTML with mammoth, in a process of its own (mammoth only converts
// asynchronously; import reads its witnesses synchronously). Prints { html, messages } as JSON.
import mammoth from 'mammoth';

try {
  const r = await mammoth.convertToHtml({ path: process.argv[2] });
  process.stdout.write(JSON.stringify({ html: r.value, messages: r.messages.map((m) => `${m.type}: ${m.message}`) }));
} catch (e) {
  process.stderr.write(String(e?.message ?? e));
  process.exitCode = 1;
}
