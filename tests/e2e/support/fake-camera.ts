// A camera and a BarcodeDetector for the browser tests: Chromium on Linux has no Shape Detection API
// and the test machine has no camera. getUserMedia answers with a canvas stream; the detector reports
// the QR code the test "holds up" with `window.__qr.show(text)`, once, as a real detector reports the
// code in the frame it sees.

declare global {
  interface Window {
    __qr: { show(text: string): void; pending: string | null };
  }
}

export function fakeCameraScript(): void {
  window.__qr = {
    pending: null,
    show(text) {
      this.pending = text;
    },
  };

  class FakeBarcodeDetector {
    static async getSupportedFormats(): Promise<string[]> {
      return ['qr_code'];
    }

    async detect(): Promise<Array<{ rawValue: string; format: string }>> {
      const text = window.__qr.pending;
      window.__qr.pending = null;
      return text ? [{ rawValue: text, format: 'qr_code' }] : [];
    }
  }

  Object.defineProperty(window, 'BarcodeDetector', { value: FakeBarcodeDetector, configurable: true, writable: true });
  if (navigator.mediaDevices) {
    navigator.mediaDevices.getUserMedia = async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 64;
      canvas.getContext('2d')?.fillRect(0, 0, 64, 64);
      return canvas.captureStream(5);
    };
  }
}
