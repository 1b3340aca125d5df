import { useCallback, useEffect, useRef, useState } from 'react';
import { useDispatch } from 'react-redux';
import { fleetActions, noticesActions } from './store';
import { playChime } from './alerts';

// The server pushes whatever changed, each under its own key: { vehicles?, trips?, notices? }.
const FleetSocket = ({ loudNotices }) => {
  const dispatch = useDispatch();
  const [toasts, setToasts] = useState([]);
  const socketRef = useRef();

  const handleNotices = useCallback(
    (notices) => {
      dispatch(noticesActions.add(notices));
      if (notices.some((n) => loudNotices.includes(n.type) || n.type === 'breakdown')) {
        playChime();
      }
      setToasts(notices.map((n) => ({ id: n.id, text: n.attributes.text, open: true })));
    },
    [dispatch, loudNotices],
  );

  const handleNoticesRef = useRef(handleNotices);
  handleNoticesRef.current = handleNotices;

  useEffect(() => {
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${window.location.host}/api/fleet/socket`);
    socketRef.current = socket;
    socket.onmessage = (event) => {
      const data = JSON.parse(event.data);
      if (data.vehicles) {
        dispatch(fleetActions.updateVehicles(data.vehicles));
      }
      if ('trips' in data) {
        dispatch(fleetActions.updateTrips(data.trips));
      }
      if (data.notices) {
        handleNoticesRef.current(data.notices);
      }
    };
    return () => socket.close();
  }, [dispatch]);

  return toasts.length ? <ul className="toasts">{toasts.map((t) => <li key={t.id}>{t.text}</li>)}</ul> : null;
};

export default FleetSocket;
