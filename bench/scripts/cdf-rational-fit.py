"""Fits the rational function of the cpu Greeks kernel's normal CDF (VectorNormal.cdfPair).

N(-y) = exp(-y^2/2) * P(y)/Q(y), P and Q of degree n with Q(0) = 1, fitted for ABSOLUTE error in N
on Chebyshev points of [0, Y] (weight exp(-y^2/2)) by Loeb's linearised least squares with Lawson's
reweighting towards minimax, at 34 digits (mpmath). Prints the error every 10 iterations, the
best fit's error, the worst absolute error of N when P/Q is evaluated in double up to 37.5, whether
Q has a positive real root, and the coefficients (constant term first).

    python3 bench/scripts/cdf-rational-fit.py 7 9     # the fit in VectorNormal (n = 7, Y = 9): 3.5e-18

Takes a few minutes (pure Python).
"""
import mpmath as mp, sys
mp.mp.dps=34
n=int(sys.argv[1]); Y=float(sys.argv[2])
def g(y): return mp.ncdf(-y)*mp.exp(y*y/2)
M=400
ys=[mp.mpf(Y)/2*(1-mp.cos(mp.pi*(k+0.5)/M)) for k in range(M)]
gs=[g(y) for y in ys]
ws=[mp.exp(-y*y/2) for y in ys]
u=[mp.mpf(1)]*M
qprev=[mp.mpf(1)]*M
best=None
for it in range(60):
    # unknowns p0..pn, q1..qn (q0=1)
    rows=[]; rhs=[]
    for i,y in enumerate(ys):
        s=ws[i]*mp.sqrt(u[i])/qprev[i]
        row=[s*y**j for j in range(n+1)]+[-s*gs[i]*y**j for j in range(1,n+1)]
        rows.append(row); rhs.append(s*gs[i])
    A=mp.matrix(rows); b=mp.matrix(rhs)
    x=mp.lu_solve(A.T*A, A.T*b)
    p=[x[j] for j in range(n+1)]; q=[mp.mpf(1)]+[x[n+1+j] for j in range(n)]
    def P(y): return sum(p[j]*y**j for j in range(n+1))
    def Q(y): return sum(q[j]*y**j for j in range(n+1))
    errs=[ws[i]*(P(y)/Q(y)-gs[i]) for i,y in enumerate(ys)]
    mx=max(abs(e) for e in errs)
    if best is None or mx<best[0]: best=(mx,p,q)
    qprev=[Q(y) for y in ys]
    # Lawson update
    tot=sum(u[i]*abs(errs[i]) for i in range(M))
    u=[u[i]*abs(errs[i])/tot*M for i in range(M)]
    if it%10==9: print(it, mp.nstr(mx,3), flush=True)
mx,p,q=best
print("best", mp.nstr(mx,4))
# dense check incl. extension, in double arithmetic
pf=[float(c) for c in p]; qf=[float(c) for c in q]
import math
def Rd(y):
    a=pf[n]
    for c in reversed(pf[:n]): a=a*y+c
    d=qf[n]
    for c in reversed(qf[:n]): d=d*y+c
    return a/d
worst=0; at=0
for k in range(6001):
    y=37.5*k/6000 if k>3000 else Y*k/3000
    ex=float(mp.ncdf(-y)); ap=math.exp(-y*y/2)*Rd(y)
    e=abs(ap-ex)
    if e>worst: worst=e; at=y
print("double eval worst abs", worst, "at", at)
print("roots of Q>0?", [r for r in mp.polyroots(list(reversed(q)),maxsteps=200,extraprec=50) if abs(mp.im(r))<1e-20 and mp.re(r)>0])
print("P", [repr(c) for c in pf]); print("Q", [repr(c) for c in qf])
