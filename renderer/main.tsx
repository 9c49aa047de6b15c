import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { AppProvider, type AppServices } from './context/app-context';
import { connectToHost } from './contract-client';
import { createAppStore, PREFERENCES_KEY } from './store/app-store';
import { connectStore } from './store/sync';
import './styles/app.css';

const contract = connectToHost();
const firstRun = localStorage.getItem(PREFERENCES_KEY) === null;
const store = createAppStore(localStorage);
// The first run starts in the system's theme; the operator's choice is kept after that.
if (firstRun && matchMedia('(prefers-color-scheme: dark)').matches)
  store.getState().setTheme('dark');
connectStore(store, contract);

const services: AppServices = {
  store,
  contract,
  // In the desktop app the main process hands http(s) links to the system browser.
  openUrl: (url) => void window.open(url, '_blank', 'noopener,noreferrer'),
};

createRoot(document.getElementById('root')!).render(
  <AppProvider services={services}>
    <App />
  </AppProvider>,
);
