import { StrictMode, useCallback } from 'react';
import { createRoot } from 'react-dom/client';
import { AlarmBell, ShiftIndicator } from './components/HeaderWidgets';
import Inventory from './pages/Inventory';
import { ProductionLine } from './pages/ProductionLine';
import { startRealtime, stopRealtime } from './realtime/channels';
import { RealtimeProvider } from './realtime/RealtimeContext';

// The shared clients live for the whole page.
startRealtime();
window.addEventListener('beforeunload', stopRealtime);

function App() {
  const logout = useCallback(() => {
    window.location.assign('/login?expired=1');
  }, []);

  return (
    <RealtimeProvider onSessionExpired={logout}>
      <header>
        <AlarmBell />
        <ShiftIndicator />
      </header>
      <main>
        <ProductionLine lineId="L1" />
        <Inventory warehouse="north" />
      </main>
    </RealtimeProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
