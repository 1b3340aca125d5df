let chime;

export const playChime = () => {
  if (!chime) chime = new Audio('/sounds/chime.mp3');
  chime.currentTime = 0;
  chime.play();
};
