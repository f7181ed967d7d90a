// Input: the one way project files are read. Paths are kept inside the project, only regular
// files are read, each kind up to its size limit, and text is UTF-8 with XML's characters only.
export { checkFolderInside, checkPath, existsInside, formatLimit, LIMITS, MAX_PIXELS, listFolder, readBytes, readText, tryReadBytes, within, type Entry, type FileKind, type NamedAt, type ReadRequest, type Refusal } from './files.ts';
export { decodeText, describeChar, invalidCharError, NOT_XML, textPlace } from './decode.ts';
