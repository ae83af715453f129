import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The workbench: built into web/dist by `npm install` (the `prepare` script), served by the Hono app at `/`.
export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ECharts goes in its own chunk, loaded with the first page that draws a chart.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ }] } } },
    chunkSizeWarningLimit: 900,
    reportCompressedSize: true,
  },
});
