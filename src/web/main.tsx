import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadSodium } from '../common/crypto/index.ts';
import { App } from './app/App.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// libsodium compiles its WebAssembly once; every screen needs it (keys are derived
// and opened in this tab), so the app renders only after it is ready.
loadSodium().then(
  () => {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  },
  () => {
    // Without crypto the app must not run in a half-working state.
    const message = document.getElementById('boot-failed');
    if (message) message.hidden = false;
  },
);
