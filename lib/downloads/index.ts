import 'server-only';

/*
 * DRM-free downloads: an owner asks for a short-lived signed link to a library item's build
 * (counted per user and UTC day), the file route answers the link with the build (ranges for
 * resumed and segmented downloads), and admins upload each download edition's build.
 */
export {
  signDownloadLink,
  newDownloadLink,
  verifyDownloadLink,
  DOWNLOAD_PATH_PREFIX,
  type DownloadLinkClaims,
  type LinkCheck,
} from './links';
export { issueDownloadLink, secondsUntilUtcMidnight, type IssuedDownloadLink } from './issue';
export { serveDownload, type DownloadRequest } from './serve';
export {
  storeEditionFile,
  seedEditionBuild,
  editionFileOf,
  type BuildUpload,
  type EditionFile,
} from './files';
export { receiveBuild, type ReceivedBuild } from './upload';
export { demoBuildFor, DEMO_BUILD_BYTES, type DemoBuild } from './demo-build';
export { safeFileName, contentDisposition, buildContentType } from './names';
export { rangeOf, ifRangeHolds, type RangeAnswer } from './range';
