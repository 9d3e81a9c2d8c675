"""Resize-to-redraw lag of the TUI, paused (no frame due): twelve resizes of a tmux window at random moments, each
timed until the title bar spans the new width. python3 bench/resize_lag.py COURTSIDE-BINARY"""
import subprocess, time, random, sys
B=sys.argv[1]
subprocess.run(["tmux","kill-session","-t","rl"],stderr=subprocess.DEVNULL)
subprocess.run(["tmux","new-session","-d","-s","rl","-x","100","-y","30",B+" demo"])
time.sleep(2)
subprocess.run(["tmux","send-keys","-t","rl","space"])
lags=[]
for i in range(12):
    time.sleep(random.uniform(0.2,1.1))
    w=random.choice([90,100,110,120])
    cur=int(subprocess.run(["tmux","display","-p","-t","rl","#{window_width}"],capture_output=True,text=True).stdout)
    if w==cur: w=cur+7
    t0=time.time()
    subprocess.run(["tmux","resize-window","-t","rl","-x",str(w),"-y","30"])
    while True:
        first=subprocess.run(["tmux","capture-pane","-p","-t","rl"],capture_output=True,text=True).stdout.split("\n")[0]
        if first.rstrip().endswith("dark") and len(first.rstrip())>=w-2: break
        if time.time()-t0>3: break
    lags.append(int((time.time()-t0)*1000))
subprocess.run(["tmux","kill-session","-t","rl"])
print(sorted(lags))
