/**
 * Next.js config of the dev app: the Payload admin and a demo public site.
 *
 * Run with webpack (`next dev dev --webpack`), not Turbopack: the code outside dev/ (../plugin,
 * ../src, ../seed, ../payload.config.ts) uses Node-style relative imports with a `.js` suffix that
 * point at `.ts` files, which Turbopack cannot resolve. webpack's `resolve.extensionAlias` can, and
 * `withPayload` does not set it, so it is added here.
 */
import { withPayload } from '@payloadcms/next/withPayload'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const repoRoot = path.resolve(dirname, '..')

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The browser tests run their own server next to a developer's `npm run dev`; a separate build
  // directory keeps their caches and Next's dev lock apart (test/helpers/e2eServer.ts).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // The floating dev badge overlaps the pages (and the browser tests' screenshots).
  devIndicators: false,
  experimental: {
    // Compile TypeScript from outside dev/ (the plugin, src/, seed/ and payload.config.ts).
    externalDir: true,
  },
  outputFileTracingRoot: repoRoot,
  async redirects() {
    return [{ destination: '/da/privatlivspolitik', permanent: false, source: '/' }]
  },
  webpack: (webpackConfig) => {
    webpackConfig.resolve = {
      ...webpackConfig.resolve,
      extensionAlias: {
        ...webpackConfig.resolve?.extensionAlias,
        '.js': ['.ts', '.tsx', '.js'],
        '.mjs': ['.mts', '.mjs'],
      },
    }
    return webpackConfig
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
