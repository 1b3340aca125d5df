export const fleetActions = {
  updateVehicles: (vehicles) => ({ type: 'fleet/vehicles', vehicles }),
  updateTrips: (trips) => ({ type: 'fleet/trips', trips }),
};

export const noticesActions = {
  add: (notices) => ({ type: 'notices/add', notices }),
};
